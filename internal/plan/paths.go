package plan

import (
	"net/url"

	"policysite/internal/policy"
)

// The paths of the site's pages and documents, relative to the site's
// root (base_url): stable addresses that crawlers and archives keep.

// EditionPath is an edition's page: "ru/privacy/2024-02-15/".
func EditionPath(pol string, l policy.Lang, id policy.ID) string {
	return string(l) + "/" + pol + "/" + id.String() + "/"
}

// PolicyPath is a policy's page, which shows the edition in force.
func PolicyPath(pol string, l policy.Lang) string { return string(l) + "/" + pol + "/" }

// ChangesPath is the redline of an edition against the one before it.
func ChangesPath(pol string, l policy.Lang, to policy.ID) string {
	return EditionPath(pol, l, to) + "changes/"
}

// ComparePath is a policy's page that compares any two editions.
func ComparePath(pol string, l policy.Lang) string { return PolicyPath(pol, l) + "compare/" }

// CompareWithInForcePath is the compare page set to compare an edition
// with the edition in force, which the page selects itself: the address
// does not change when another edition takes effect.
func CompareWithInForcePath(pol string, l policy.Lang, from policy.ID) string {
	return ComparePath(pol, l) + "?from=" + from.String()
}

// TextPath is an edition's plain text, which the redlines compare.
func TextPath(pol string, l policy.Lang, id policy.ID) string {
	return EditionPath(pol, l, id) + "text.txt"
}

// EditionJSONPath is an edition's JSON document.
func EditionJSONPath(pol string, l policy.Lang, id policy.ID) string {
	return EditionPath(pol, l, id) + "index.json"
}

// ChangesJSONPath is the JSON document of an edition's redline.
func ChangesJSONPath(pol string, l policy.Lang, id policy.ID) string {
	return EditionPath(pol, l, id) + "changes.json"
}

// FeedPath is a policy's JSON Feed in a language.
func FeedPath(pol string, l policy.Lang) string { return PolicyPath(pol, l) + "feed.json" }

// AtomPath is a policy's Atom feed in a language.
func AtomPath(pol string, l policy.Lang) string { return PolicyPath(pol, l) + "index.xml" }

// IndexPath is the site's index of every policy and edition.
const IndexPath = "policies.json"

// SchemaPath is where the JSON Schema of the documents is published.
func SchemaPath(name string) string { return "schema/" + name }

// The files of the in-browser comparison, shared by every language and
// policy.
const (
	WasmPath     = "redline/redline.wasm"
	WasmExecPath = "redline/wasm_exec.js"
)

// WellKnownPath is the privacy policy's well-known address (RFC 8615), as
// the draft "Policy Discovery" (https://mikewest.github.io/privacy-policy-discovery/)
// names it; the draft asks for a redirect from it to the policy.
const WellKnownPath = "/.well-known/privacy-policy"

// URL makes a site path into the address crawlers use: absolute when the
// site's address is, else rooted at its path.
func (p *Plan) URL(path string) string { return p.BaseURL + path }

// AbsoluteBase reports whether the site's address is an absolute URL; a
// root-relative base_url gives no way to write the absolute URLs that
// sitemaps and feeds need.
func (p *Plan) AbsoluteBase() bool {
	u, err := url.Parse(p.BaseURL)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// RootBase reports whether the site's address is the root of its host,
// where /.well-known/ must be.
func (p *Plan) RootBase() bool {
	u, err := url.Parse(p.BaseURL)
	return err == nil && u.Path == "/"
}
