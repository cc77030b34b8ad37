package apitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"policysite/internal/api"
)

// The keys JSON Feed 1.1 defines for each kind of object; any other key
// must be an extension, whose name starts with "_".
var (
	feedKeys = []string{"version", "title", "home_page_url", "feed_url", "description",
		"user_comment", "next_url", "icon", "favicon", "author", "authors", "language",
		"expired", "hubs", "items"}
	itemKeys = []string{"id", "url", "external_url", "title", "content_html", "content_text",
		"summary", "image", "banner_image", "date_published", "date_modified", "author",
		"authors", "tags", "language", "attachments"}
	authorKeys     = []string{"name", "url", "avatar"}
	hubKeys        = []string{"type", "url"}
	attachmentKeys = []string{"url", "mime_type", "title", "size_in_bytes", "duration_in_seconds"}
)

// URL fields that JSON Feed requires to be full URLs; a feed reader has no
// base to resolve a relative one against.
var (
	feedURLKeys       = []string{"home_page_url", "feed_url", "next_url", "icon", "favicon"}
	itemURLKeys       = []string{"url", "external_url", "image", "banner_image"}
	authorURLKeys     = []string{"url", "avatar"}
	attachmentURLKeys = []string{"url"}
)

// CheckJSONFeed checks data against the JSON Feed 1.1 rules that the schema
// cannot express, and against this site's own promise that items are
// newest first. It returns every problem found; none means the feed passes.
func CheckJSONFeed(data []byte) []error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return []error{fmt.Errorf("the feed is not JSON: %w", err)}
	}
	feed, ok := doc.(map[string]any)
	if !ok {
		return []error{fmt.Errorf("the feed is %s, not an object", jsonType(doc))}
	}
	c := &feedChecker{}
	c.check(feed)
	return c.errs
}

type feedChecker struct {
	errs []error
}

func (c *feedChecker) fail(path, format string, args ...any) {
	if path == "" {
		path = "(feed)"
	}
	c.errs = append(c.errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

func (c *feedChecker) check(feed map[string]any) {
	switch v, ok := feed["version"]; {
	case !ok:
		c.fail("/version", "missing; JSON Feed 1.1 needs %q", api.JSONFeedVersion)
	case v != api.JSONFeedVersion:
		c.fail("/version", "is %s, not %q", show(v), api.JSONFeedVersion)
	}
	title, isString := feed["title"].(string)
	switch _, present := feed["title"]; {
	case !present:
		c.fail("/title", "missing; JSON Feed requires a title")
	case !isString || strings.TrimSpace(title) == "":
		c.fail("/title", "must be a non-empty string, is %s", show(feed["title"]))
	}
	c.object("", feed, feedKeys, feedURLKeys)
	c.authors("", feed)
	if hubs, ok := feed["hubs"].([]any); ok {
		for i, h := range hubs {
			if h, ok := h.(map[string]any); ok {
				c.object(fmt.Sprintf("/hubs/%d", i), h, hubKeys, nil)
			}
		}
	}

	raw, ok := feed["items"]
	if !ok {
		c.fail("/items", "missing; JSON Feed requires items, if only []")
		return
	}
	items, ok := raw.([]any)
	if !ok {
		c.fail("/items", "must be an array, is %s", show(raw))
		return
	}
	ids := map[string]int{}
	var prev time.Time
	prevIdx := -1
	for i, it := range items {
		path := fmt.Sprintf("/items/%d", i)
		item, ok := it.(map[string]any)
		if !ok {
			c.fail(path, "must be an object, is %s", jsonType(it))
			continue
		}
		switch id, ok := item["id"].(string); {
		case !ok:
			c.fail(path+"/id", "must be a string, is %s", show(item["id"]))
		case id == "":
			c.fail(path+"/id", "is empty")
		default:
			if j, dup := ids[id]; dup {
				c.fail(path+"/id", "%q is the id of /items/%d too", id, j)
			} else {
				ids[id] = i
			}
		}
		_, html := item["content_html"]
		_, text := item["content_text"]
		if !html && !text {
			c.fail(path, "has neither content_html nor content_text")
		}
		c.object(path, item, itemKeys, itemURLKeys)
		c.authors(path, item)
		if atts, ok := item["attachments"].([]any); ok {
			for j, a := range atts {
				if a, ok := a.(map[string]any); ok {
					c.object(fmt.Sprintf("%s/attachments/%d", path, j), a, attachmentKeys, attachmentURLKeys)
				}
			}
		}
		for _, k := range []string{"date_published", "date_modified"} {
			c.date(path+"/"+k, item, k)
		}
		if t, ok := c.date("", item, "date_published"); ok {
			if prevIdx >= 0 && t.After(prev) {
				c.fail(path+"/date_published", "is later than /items/%d's: items must be newest first", prevIdx)
			}
			prev, prevIdx = t, i
		}
	}
}

// date parses item[key] when present. With path "" it reports nothing, so
// that a bad date is reported once however often it is read.
func (c *feedChecker) date(path string, item map[string]any, key string) (time.Time, bool) {
	v, ok := item[key]
	if !ok {
		return time.Time{}, false
	}
	s, ok := v.(string)
	if !ok {
		if path != "" {
			c.fail(path, "must be an RFC 3339 string, is %s", show(v))
		}
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		if path != "" {
			c.fail(path, "%q is not an RFC 3339 moment: %v", s, err)
		}
		return time.Time{}, false
	}
	return t, true
}

func (c *feedChecker) authors(path string, obj map[string]any) {
	as, ok := obj["authors"].([]any)
	if !ok {
		return
	}
	for i, a := range as {
		p := fmt.Sprintf("%s/authors/%d", path, i)
		author, ok := a.(map[string]any)
		if !ok {
			c.fail(p, "must be an object, is %s", jsonType(a))
			continue
		}
		if !slices.ContainsFunc(authorKeys, func(k string) bool { _, ok := author[k]; return ok }) {
			c.fail(p, "has none of name, url and avatar")
		}
		c.object(p, author, authorKeys, authorURLKeys)
	}
}

// object checks the URL fields of one object of the feed and its keys that
// JSON Feed does not define, which must be extensions.
func (c *feedChecker) object(path string, obj map[string]any, known, urlKeys []string) {
	for _, k := range urlKeys {
		if v, ok := obj[k]; ok {
			c.absURL(path+"/"+k, v)
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(known, k) {
			continue
		}
		if !strings.HasPrefix(k, "_") {
			c.fail(path+"/"+k, "is not a JSON Feed 1.1 field, and an extension's name must start with \"_\"")
			continue
		}
		ext, ok := obj[k].(map[string]any)
		if !ok {
			c.fail(path+"/"+k, "an extension must be an object, is %s", jsonType(obj[k]))
			continue
		}
		about, ok := ext["about"]
		if !ok {
			c.fail(path+"/"+k, "the extension has no \"about\" field")
			continue
		}
		c.absURL(path+"/"+k+"/about", about)
	}
}

func (c *feedChecker) absURL(path string, v any) {
	s, ok := v.(string)
	if !ok {
		c.fail(path, "must be a URL string, is %s", show(v))
		return
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		c.fail(path, "%q is not a URL: %v", s, err)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		c.fail(path, "%q is not an absolute http(s) URL", s)
	}
}

func show(v any) string {
	if v == nil {
		return "null"
	}
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return jsonType(v)
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
