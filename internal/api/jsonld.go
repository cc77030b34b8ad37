package api

import (
	"bytes"
	"encoding/json"
)

// DigitalDocument is the schema.org description of an edition that its
// page carries as JSON-LD: a version of the policy, which is the work it is
// an example of, with the period it was in force and its translations.
type DigitalDocument struct {
	Context       string `json:"@context"`
	Type          string `json:"@type"`
	ID            string `json:"@id"`
	URL           string `json:"url"`
	Name          string `json:"name"`
	Version       string `json:"version"`
	InLanguage    string `json:"inLanguage"`
	DatePublished string `json:"datePublished"`
	// TemporalCoverage is the ISO 8601 interval in which the edition was in
	// force ("2024-03-01T00:00:00+03:00/2024-07-10T00:00:00+03:00"), open
	// ("…/..") while it still is or will be; absent for an edition
	// replaced before it took effect.
	TemporalCoverage string        `json:"temporalCoverage,omitempty"`
	ExampleOfWork    CreativeWork  `json:"exampleOfWork"`
	WorkTranslation  []DocumentRef `json:"workTranslation,omitempty"`
	Publisher        *Organization `json:"publisher,omitempty"`
	Encoding         []MediaObject `json:"encoding"`
}

// CreativeWork is the policy itself, of which every edition is a version.
type CreativeWork struct {
	Type string `json:"@type"`
	ID   string `json:"@id"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// DocumentRef names another DigitalDocument.
type DocumentRef struct {
	Type       string `json:"@type"`
	ID         string `json:"@id"`
	InLanguage string `json:"inLanguage"`
}

// Organization is the company that publishes the policy.
type Organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// MediaObject is one of the edition's machine-readable forms.
type MediaObject struct {
	Type           string `json:"@type"`
	ContentURL     string `json:"contentUrl"`
	EncodingFormat string `json:"encodingFormat"`
	SHA256         string `json:"sha256,omitempty"`
}

// MarshalScript encodes a JSON-LD document for a <script> element of an
// HTML page: <, > and & are escaped, so that no text of a policy can close
// the element.
func MarshalScript(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}
