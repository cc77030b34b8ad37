package config

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// CheckBaseURL reports whether u can be the site's address: an absolute
// http(s) URL with a host, or a path from the root of a host, ending in a
// slash. The address reaches every page's links, feeds and JSON, so it is
// held to the characters an address needs: a quote, an angle bracket, a
// backslash, a space or a control character, even percent-encoded, could
// end the attribute or the document it is written into.
func CheckBaseURL(u string) error {
	if u == "" {
		return fmt.Errorf("an empty address: give an absolute URL (https://example.com/) or a path starting with /")
	}
	if err := checkURLChars(u); err != nil {
		return fmt.Errorf("%q: %w", u, err)
	}
	p, err := url.Parse(u)
	if err != nil {
		return err
	}
	if p.Scheme != "" && p.Scheme != "http" && p.Scheme != "https" {
		return fmt.Errorf("%q: only http and https addresses can serve a site", u)
	}
	absolute := p.Scheme != ""
	if absolute && (p.Host == "" || p.Opaque != "") || !absolute && (p.Host != "" || u[0] != '/' || strings.HasPrefix(u, "//")) {
		return fmt.Errorf("%q: give an absolute URL (https://example.com/) or a path starting with /", u)
	}
	if p.User != nil {
		return fmt.Errorf("%q: a site address has no user name or password", u)
	}
	if strings.ContainsAny(u, "?#") {
		return fmt.Errorf("%q: a site address has no query or fragment", u)
	}
	// The decoded forms are what Hugo and the pages may write out.
	for _, part := range []string{p.Host, p.Path} {
		if err := checkURLChars(part); err != nil {
			return fmt.Errorf("%q, decoded: %w", u, err)
		}
	}
	if err := checkSegments(p.Path); err != nil {
		return fmt.Errorf("%q: %w", u, err)
	}
	if u[len(u)-1] != '/' {
		return fmt.Errorf("%q must end with a slash", u)
	}
	return nil
}

// checkURLChars refuses the characters that can end an HTML attribute, a
// tag or a string in a script, and those a reader cannot see.
func checkURLChars(s string) error {
	for _, r := range s {
		switch {
		case strings.ContainsRune("\"'`<>\\", r):
			return fmt.Errorf("%q is not allowed in a site address", r)
		case unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar:
			return fmt.Errorf("%U (a space, control or invisible character) is not allowed in a site address", r)
		}
	}
	return nil
}

// checkSegments refuses empty and dot segments in a path: "//" would turn
// the site's links into addresses on another host, "." and ".." into
// addresses outside the site.
func checkSegments(path string) error {
	if path == "" || path == "/" {
		return nil
	}
	segs := strings.Split(strings.TrimSuffix(strings.TrimPrefix(path, "/"), "/"), "/")
	for _, s := range segs {
		switch s {
		case "":
			return fmt.Errorf("an empty path segment (//) is not allowed in a site address")
		case ".", "..":
			return fmt.Errorf("a %q path segment is not allowed in a site address", s)
		}
	}
	return nil
}
