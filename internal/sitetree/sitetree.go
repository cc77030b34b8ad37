// Package sitetree checks the site's own folders (layouts, content, i18n,
// assets, static) as a build will read them, so that `check` refuses what
// `build` would, before anything is rendered: a link or a named pipe among
// the files, or a hand-written page at the address of a policy.
package sitetree

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"policysite/internal/policy"
	"policysite/internal/repofs"
	"policysite/internal/source"
)

// Dirs are the folders of the site that the renderer reads, theme and
// repository laid over each other.
var Dirs = []string{"layouts", "content", "i18n", "assets", "static"}

// Skipped reports whether the renderer leaves the entry name out: hidden
// files and folders, which editors and systems leave behind.
func Skipped(name string) bool { return strings.HasPrefix(name, ".") }

// Files checks every file under Dirs of repo: each must be a regular file
// or a folder. A symbolic link is refused even when it stays inside the
// repository: the files of these folders are published or run as
// templates, and a link could make a reviewed file publish another.
func Files(repo fs.FS) policy.ErrorList {
	var errs policy.ErrorList
	for _, dir := range Dirs {
		if _, err := fs.Stat(repo, dir); err != nil {
			if !isNotExist(err) {
				errs = append(errs, policy.Errorf(dir, 0, "%v", repofs.Pathless(err)))
			}
			continue
		}
		err := fs.WalkDir(repo, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, policy.Errorf(repofs.Shown(name), 0, "%v", repofs.Pathless(err)))
				return nil
			}
			if name != dir && Skipped(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch t := d.Type(); {
			case t.IsRegular() && dir == "content" && pageLike(name):
				errs = append(errs, policy.Errorf(repofs.Shown(name), 0, "content pages are Markdown (.md): Hugo refuses %s or runs another program for it", path.Ext(name)))
			case t.IsRegular() && dir == "content" && markdown(name):
				if err := page(repo, name); err != nil {
					errs = append(errs, err)
				}
			case t&fs.ModeSymlink != 0:
				errs = append(errs, policy.Errorf(repofs.Shown(name), 0, "a symbolic link: %s/ holds files, not links (a link could publish a file nobody reviewed there); copy the file in its place", dir))
			case !d.IsDir() && !t.IsRegular():
				errs = append(errs, policy.Errorf(repofs.Shown(name), 0, "%v (%s): %s/ holds plain files", repofs.ErrNotRegular, repofs.FileType(t), dir))
			}
			return nil
		})
		if err != nil {
			errs = append(errs, policy.Errorf(dir, 0, "%v", err))
		}
	}
	return errs
}

// pageLike reports whether Hugo reads name, a file of content/, as a page
// in a format other than Markdown.
func pageLike(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".adoc", ".asciidoc", ".ad", ".pandoc", ".pdc", ".rst", ".org":
		return true
	}
	return false
}

// markdown reports whether Hugo reads name, a file of content/, as a
// Markdown page.
func markdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdown":
		return true
	}
	return false
}

// page checks a hand-written page of content/ as package source checks
// an edition's text: Hugo renders both, and nesting too deep would cost it
// hours (source.CheckNesting).
func page(repo fs.FS, name string) *policy.SourceError {
	data, err := fs.ReadFile(repo, name)
	if err != nil {
		return policy.Errorf(repofs.Shown(name), 0, "%v", repofs.Pathless(err))
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if err := source.CheckNesting(repofs.Shown(name), 1, text); err != nil {
		return err
	}
	return pageMarkup(repofs.Shown(name), text)
}

// embedRe finds a call of one of Hugo's shortcodes that embed another
// site's frame or script; the theme overrides each with an error
// (layouts/_shortcodes), which only a render would show.
var embedRe = regexp.MustCompile(`\{\{[<%]\s*(gist|instagram|instagram_simple|twitter|twitter_simple|vimeo|vimeo_simple|x|x_simple|youtube)\b`)

// markupRe finds the front matter key that makes Hugo read a page as
// something other than Markdown.
var markupRe = regexp.MustCompile(`^[ \t]*"?markup"?[ \t]*[:=][ \t]*["']?([A-Za-z0-9_-]*)`)

// pageMarkup refuses what Hugo refuses, or runs, on a Markdown page only
// when it renders it: a front matter `markup` other than Markdown (HTML
// is refused by Hugo's security policy, the others run an external
// program) and the embedding shortcodes.
func pageMarkup(file, text string) *policy.SourceError {
	lines := strings.Split(text, "\n")
	body := 0 // the first line after the front matter
	if len(lines) > 0 && (lines[0] == "---" || lines[0] == "+++") {
		for i := 1; i < len(lines) && body == 0; i++ {
			if lines[i] == lines[0] {
				body = i + 1
				continue
			}
			m := markupRe.FindStringSubmatch(lines[i])
			if m == nil {
				continue
			}
			switch strings.ToLower(m[1]) {
			case "", "md", "markdown", "goldmark":
			default:
				return policy.Errorf(file, i+1, "markup %q: content pages are Markdown; remove the key", m[1])
			}
		}
	}
	rest := strings.Join(lines[body:], "\n")
	// Over the whole text: a shortcode's name may follow its "{{<" on the
	// next line.
	if loc := embedRe.FindStringSubmatchIndex(rest); loc != nil {
		line := body + strings.Count(rest[:loc[0]], "\n") + 1
		return policy.Errorf(file, line, "the %q shortcode embeds another site's frame or script, which policysite does not publish; link to it instead", rest[loc[2]:loc[3]])
	}
	return nil
}

// Collisions refuses a hand-written page of content/ at the address of a
// policy: content/<slug>, content/<slug>.md or content/<slug>.<lang>.md.
func Collisions(repo fs.FS, slugs []string, langs []policy.Lang) policy.ErrorList {
	var errs policy.ErrorList
	for _, slug := range slugs {
		cands := []string{"content/" + slug, "content/" + slug + ".md"}
		for _, l := range langs {
			cands = append(cands, "content/"+slug+"."+string(l)+".md")
		}
		for _, c := range cands {
			if _, err := fs.Stat(repo, c); err == nil {
				errs = append(errs, policy.Errorf(c, 0, "uses the address of policy %q (versions/%s/): rename one of them", slug, slug))
			}
		}
	}
	return errs
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
