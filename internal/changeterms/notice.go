package changeterms

import "strings"

// channels returns how the sentence says users are told, in summary order.
// Cheap tests guard the regexps, which are the slow part.
func (s *sentence) channels() []Channel {
	var out []Channel
	n := s.norm
	if s.has(fPlace) || strings.Contains(n, "banner") || strings.Contains(n, "баннер") ||
		strings.Contains(n, "blog") || strings.Contains(n, "блог") {
		out = append(out, Site)
	}
	if (strings.Contains(n, "mail") || strings.Contains(n, "электронн")) && emailPhrase.MatchString(n) {
		out = append(out, Email)
	}
	if otherPhrase.MatchString(n) {
		out = append(out, Other)
	}
	if s.noticeless() {
		out = append(out, None)
	}
	return out
}

// noticeless reports whether the sentence says something is done without
// notice.
func (s *sentence) noticeless() bool {
	n := s.norm
	return (strings.Contains(n, "без") || strings.Contains(n, "не ") || strings.Contains(n, "without")) &&
		withoutNotice.MatchString(n) && !withOrWithout.MatchString(n)
}

// changesPosted reports whether changes are the thing posted: "changes
// will be posted", "we will post any changes", "обновления будут
// опубликованы".
func (s *sentence) changesPosted() bool {
	for i, f := range s.fs {
		if f&fPosting != 0 && (s.within(i, postedNear, fChange, 0) || s.within(i, -postedNear, fChange, 0)) {
			return true
		}
	}
	return false
}

// continuedUse reports whether the sentence says continuing to use the
// service means accepting: "continue" followed by "use", and an acceptance.
func (s *sentence) continuedUse() bool {
	if !s.has(fContinue) || !s.has(fAccept) {
		return false
	}
	for i, f := range s.fs {
		if f&fContinue != 0 && s.within(i, useAfter, fUse, 0) {
			return true
		}
	}
	return false
}

// currentEdition reports whether the sentence names the edition in force:
// "действующая редакция Политики", "the current version of these Terms",
// or just "действующая редакция", since a редакция is always a text's
// (but not a law's: "закон в действующей редакции"); "the latest version"
// alone may be the software's.
func (s *sentence) currentEdition() bool {
	if !s.has(fCurrent) {
		return false
	}
	for i, f := range s.fs {
		if f&fCurrent == 0 {
			continue
		}
		for j := i + 1; j < len(s.words) && j <= i+currentBefore; j++ {
			if s.fs[j]&(fEdition|fText|fDoc) != 0 && (s.has(fDoc) || strings.HasPrefix(s.words[j], "редакц") && !s.has(fLaw)) {
				return true
			}
		}
	}
	return false
}

// publishedURL returns the first address in the sentence without trailing
// punctuation, or "".
func (s *sentence) publishedURL() string {
	u := url.FindString(s.text)
	return strings.TrimRight(u, ".,;:!?)]}»\"'”’")
}
