// Package policysite holds what the policysite binary carries of its own
// repository: the built-in theme.
package policysite

import (
	"embed"
	"io/fs"
)

// The all: prefix keeps the folders whose names start with "_"
// (layouts/_partials, layouts/_markup), which embed leaves out otherwise;
// it also keeps hidden files, which the renderer skips as it skips a
// site's own.
//
//go:embed all:layouts all:i18n all:assets
var theme embed.FS

// Theme is the built-in theme: the layouts/, i18n/ and assets/ folders of
// policysite's repository, at the same paths. A site's own files in those
// folders replace the theme's file by file (package overlay), and its
// i18n/<lang>.toml message by message (package l10n), so a site's
// repository needs only versions/, content/ and policysite.toml.
func Theme() fs.FS { return theme }
