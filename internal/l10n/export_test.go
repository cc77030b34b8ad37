package l10n

import "github.com/pelletier/go-toml/v2"

var tomlUnmarshal = toml.Unmarshal
