package site_test

import (
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

// TestEditionTextIsNotReadAsShortcodes: an edition that quotes Hugo's
// shortcode syntax (a policy once kept in a Hugo site, imported with its
// history) is shown as written. Before, Hugo ran {{< param "title" >}},
// printing the page's title in the policy's text.
func TestEditionTextIsNotReadAsShortcodes(t *testing.T) {
	root := fixture(t)
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2024-08-01.ru.md"), []byte(`---
title: Политика
posted: 2024-08-01T10:00:00+03:00
---
## 1. Общие положения

1.1. Адрес: {{< param "title" >}}, а в коде `+"`{{% x %}}`"+`.

1.2. Знак {{< без пары.
`))
	out, _ := buildCached(t, root, "")
	page := string(out["ru/privacy/2024-08-01/index.html"])
	for _, want := range []string{
		`Адрес: {{&lt; param &ldquo;title&rdquo; &gt;}}, а в коде <code>{{% x %}}</code>.`,
		`Знак {{&lt; без пары.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the edition's page lacks %s", want)
		}
	}
	if strings.Contains(page, "/*") {
		t.Error("the page shows the escape's comment marks")
	}
}
