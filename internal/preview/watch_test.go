package preview

import "testing"

func TestIsSource(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"policysite.toml", true},
		{"versions", true},
		{"versions/terms/2024-01-10.ru.md", true},
		{"versions/versions.sum", true},
		{"content/_index.ru.md", true},
		{"layouts/_partials/brand.html", true},
		{"i18n/ru.toml", true},
		{"assets/css/site.css", true},
		{"static/img/logo.svg", true},
		{"versions/terms/.2024-01-10.ru.md.swp", false},
		{"versions/terms/2024-01-10.ru.md.swp", false},
		{"versions/terms/2024-01-10.ru.md~", false},
		{"content/.#about.ru.md", false},
		{"layouts/.hidden/page.html", false},
		{"policysite.toml~", false},
		{".policysite.toml.swp", false},
		{"public/index.html", false},
		{"public", false},
		{".git/index", false},
		{"README.md", false},
		{"internal/build/build.go", false},
	}
	for _, tc := range tests {
		if got := isSource(tc.path); got != tc.want {
			t.Errorf("isSource(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}
