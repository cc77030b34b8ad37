package config

import (
	"strings"
	"testing"
)

// TestCheckBaseURLAcceptsSiteAddresses: the forms a site is deployed at,
// absolute or a path from the root, pass unchanged.
func TestCheckBaseURLAcceptsSiteAddresses(t *testing.T) {
	for _, u := range []string{
		"/",
		"/legal/",
		"/docs/legal/",
		"/правовые-документы/",
		"/%D0%BF%D1%80%D0%B0%D0%B2%D0%BE/",
		"https://legal.example.com/",
		"http://localhost:1313/",
		"https://x.example:8443/policies/",
		"https://[::1]:8080/",
		"https://пример.рф/",
		"https://xn--e1afmkfd.xn--p1ai/docs/",
		"https://x.example/a-b_c~d.e/",
	} {
		t.Run(u, func(t *testing.T) {
			if err := CheckBaseURL(u); err != nil {
				t.Errorf("CheckBaseURL(%q) = %v, want nil", u, err)
			}
		})
	}
}

// TestCheckBaseURLRefusesHostileAddresses: what could break out of an
// attribute or a script, or send readers to another host, is refused,
// raw or percent-encoded, with a reason.
func TestCheckBaseURLRefusesHostileAddresses(t *testing.T) {
	tests := []struct{ name, url, want string }{
		{"script after a quote", `https://x.example/"><script>alert(document.domain)</script>/`, `'"' is not allowed`},
		{"single quote", "https://x.example/o'neil/", `'\'' is not allowed`},
		{"backtick", "https://x.example/`x`/", "'`' is not allowed"},
		{"angle bracket", "https://x.example/<b>/", `'<' is not allowed`},
		{"backslash", `https://x.example\evil.example/`, `'\\' is not allowed`},
		{"space", "https://x.example/a b/", "U+0020"},
		{"tab", "https://x.example/a\tb/", "U+0009"},
		{"newline", "https://x.example/\n/", "U+000A"},
		{"leading space", " https://x.example/", "U+0020"},
		{"NUL", "https://x.example/\x00/", "U+0000"},
		{"DEL", "https://x.example/\x7f/", "U+007F"},
		{"C1 control", "https://x.example/\u0085/", "U+0085"},
		{"no-break space", "https://x.example/\u00a0/", "U+00A0"},
		{"bidi override", "https://x.example/\u202e/", "U+202E"},
		{"zero-width space", "https://x.example/\u200b/", "U+200B"},
		{"encoded quote", "https://x.example/%22%3E%3Cscript%3E/", "decoded"},
		{"encoded newline in a path", "/a%0Ab/", "decoded"},
		{"javascript", "javascript:alert(1)//", "only http and https"},
		{"data", "data:text/html,x/", "only http and https"},
		{"ftp", "ftp://x.example/", "only http and https"},
		{"no host", "https:///", "give an absolute URL"},
		{"opaque", "https:x.example/", "give an absolute URL"},
		{"scheme-relative", "//evil.example/", "give an absolute URL"},
		{"double slash only", "//", "give an absolute URL"},
		{"relative path", "legal/", "give an absolute URL"},
		{"user info", "https://user:pw@x.example/", "no user name or password"},
		{"user name", "https://user@x.example/", "no user name or password"},
		{"query", "https://x.example/?a=1/", "no query or fragment"},
		{"empty query", "https://x.example/?", "no query or fragment"},
		{"fragment", "https://x.example/#x/", "no query or fragment"},
		{"empty fragment", "/legal/#", "no query or fragment"},
		{"empty segment", "https://x.example//evil.example/", "empty path segment"},
		{"dot dot", "/legal/../", `".." path segment`},
		{"dot", "https://x.example/./", `"." path segment`},
		{"bad port", "https://x.example:80a/", "invalid port"},
		{"no trailing slash", "https://x.example", "must end with a slash"},
		{"path without trailing slash", "/legal", "must end with a slash"},
		{"empty", "", "an empty address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckBaseURL(tc.url)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("CheckBaseURL(%q) = %v, want an error containing %q", tc.url, err, tc.want)
			}
		})
	}
}

// TestBaseURLErrorNamesItsLine: a refused base_url is reported at the
// line of its key, however the key is written, so that the author finds it.
func TestBaseURLErrorNamesItsLine(t *testing.T) {
	langs := "\n[[languages]]\ncode = \"ru\"\nname = \"Русский\"\ntitle = \"Т\"\n"
	tests := []struct{ name, src, want string }{
		{"script", "time_zone = \"UTC\"\n\n# where\nbase_url = \"https://x.example/\\\"><script>alert(document.domain)</script>/\"\n" + langs,
			`policysite.toml:4: base_url: "https://x.example/\"><script>alert(document.domain)</script>/": '"' is not allowed in a site address`},
		{"quoted key", "time_zone = \"UTC\"\n\"base_url\" = \"https://x.example/a b/\"\n" + langs, "policysite.toml:2: base_url:"},
		{"literal string", "base_url = 'https://x.example/<b>/'\n" + langs, "policysite.toml:1: base_url:"},
		{"multi-line string before it", "time_zone = \"\"\"\nUTC\"\"\"\nbase_url = \"javascript:x/\"\n" + langs, "policysite.toml:3: base_url:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(FileName, []byte(tc.src))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to start with %s", err, tc.want)
			}
		})
	}
}
