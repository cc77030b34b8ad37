package main

// The hostile inputs of TestBadInputNeverCostsData in dates: offsets that
// RFC 3339 or the world's clocks do not have, days and local times that
// do not exist, the ends of the calendar, dates in the wrong order, and
// values of other kinds where a date belongs. The site's zone is
// Europe/Moscow, which skipped 02:00–03:00 on 27 March 2011 and went back
// from 02:00 to 01:00 on 26 October 2014.

// dated is an English edition with front, the date lines, after its title.
func dated(front string) string {
	return edition("Privacy policy", front, "## 1. General\n\n1.1. Text.\n")
}

func dateInputs() []badInput {
	const file = "versions/privacy/2024-07-01.en.md"
	return []badInput{
		{
			name:  "an offset of +24:00 fails at its line",
			setup: writeRecorded(file, dated("posted: 2024-07-01T10:00:00+24:00\n")),
			want:  []string{file + ":3: posted: bad UTC offset: +24:00 is not an offset from UTC"},
		},
		{
			name:  "an offset of +15:30, which no zone has, fails at its line",
			setup: writeRecorded(file, dated("posted: 2024-07-01T10:00:00+15:30\n")),
			want:  []string{file + ":3: posted: bad UTC offset: no time zone is +15:30 from UTC"},
		},
		{
			// RFC 3339 allows -23:59, but no clock is that far behind UTC.
			name:  "an offset of -23:59 fails at its line",
			setup: writeRecorded(file, dated("effective: 2024-07-02T10:00:00-23:59\n")),
			want:  []string{file + ":3: effective: bad UTC offset: no time zone is -23:59 from UTC"},
		},
		{
			name:  "an offset with 60 minutes fails at its line",
			setup: writeRecorded(file, dated("posted: 2024-07-01T10:00:00+03:60\n")),
			want:  []string{file + ":3: posted: bad UTC offset: +03:60 is not an offset from UTC"},
		},
		{
			name:   "the offsets at the ends of the world's clocks, +14:00 and -12:00, build",
			setup:  writeRecorded(file, dated("posted: 2024-07-01T12:00:00+14:00\neffective: 2024-07-02T10:00:00-12:00\n")),
			builds: true,
			check:  published("en/privacy/2024-07-01"),
		},
		{
			name:  "a day 0000-00-00 fails at its line",
			setup: writeRecorded(file, dated("effective: 0000-00-00\n")),
			want:  []string{file + ":3: effective: 0000-00-00 is not a date that exists"},
		},
		{
			name:  "a file named 0000-00-00 fails",
			setup: writeRecorded("versions/privacy/0000-00-00.en.md", dated("")),
			want:  []string{`versions/privacy/0000-00-00.en.md: file name: "0000-00-00"`},
		},
		{
			name:   "an edition of 9999-12-31 builds, unposted",
			setup:  writeRecorded("versions/privacy/9999-12-31.en.md", dated("")),
			builds: true,
			check:  unpublished("en/privacy/9999-12-31"),
		},
		{
			name:   "an edition taking effect on 9999-12-31 builds, as upcoming",
			setup:  writeRecorded(file, dated("effective: 9999-12-31T23:59:59+14:00\n")),
			builds: true,
			check:  published("en/privacy/2024-07-01"),
		},
		{
			name:  "a year of five digits fails at its line",
			setup: writeRecorded(file, dated("effective: 10000-01-01\n")),
			want:  []string{file + `:3: effective: "10000-01-01" is not a date`},
		},
		{
			name:  "effective before posted fails at effective's line",
			setup: writeRecorded(file, dated("posted: 2024-07-01T12:00:00+03:00\neffective: 2024-07-01T11:59:59+03:00\n")),
			want:  []string{file + ":4: effective (2024-07-01T11:59:59+03:00) is before posted (2024-07-01T12:00:00+03:00)"},
		},
		{
			name:  "effective written before posted, and earlier, fails at effective's line",
			setup: writeRecorded(file, dated("effective: 2024-06-30\nposted: 2024-07-01T10:00:00+03:00\n")),
			want:  []string{file + ":3: effective (2024-06-30T00:00:00+03:00) is before posted"},
		},
		{
			name:   "posted a minute before effective in another offset builds",
			setup:  writeRecorded(file, dated("posted: 2024-07-01T10:00:00+03:00\neffective: 2024-07-01T07:01:00Z\n")),
			builds: true,
		},
		{
			name:  "a local time the clock skipped for summer time fails at its line",
			setup: writeRecorded(file, dated("effective: 2011-03-27T02:30\n")),
			want:  []string{file + ":3: effective: 2011-03-27T02:30 does not exist in Europe/Moscow: the clock skips from 02:00 to 03:00"},
		},
		{
			name:   "a local time the clock showed twice warns that it is read as the first",
			setup:  writeRecorded("versions/privacy/2014-10-26.en.md", dated("posted: 2014-10-26T01:30\n")),
			want:   []string{"versions/privacy/2014-10-26.en.md:3: posted: 2014-10-26T01:30 happens twice in Europe/Moscow"},
			either: true,
		},
		{
			name:  "a leap second fails at its line",
			setup: writeRecorded(file, dated("effective: 2016-12-31T23:59:60Z\n")),
			want:  []string{file + ":3: effective: "},
		},
		{
			name:  "29 February of a common year in the file name fails",
			setup: writeRecorded("versions/privacy/2023-02-29.en.md", dated("")),
			want:  []string{`versions/privacy/2023-02-29.en.md: file name: "2023-02-29": 2023-02-29 is not a date that exists`},
		},
		{
			name:  "a thirteenth month in the file name fails",
			setup: writeRecorded("versions/privacy/2024-13-01.en.md", dated("")),
			want:  []string{`versions/privacy/2024-13-01.en.md: file name: "2024-13-01"`},
		},
		{
			name:  "posted as a number fails at its line",
			setup: writeRecorded(file, dated("posted: 20240701\n")),
			want:  []string{file + `:3: posted: "20240701" is not a date`},
		},
		{
			name:  "posted as a list fails at its line",
			setup: writeRecorded(file, dated("posted: [2024-07-01]\n")),
			want:  []string{file + ":3: posted: want a date (2024-03-01) or a date-time"},
		},
		{
			name:  "posted as a map fails at its line",
			setup: writeRecorded(file, dated("posted: {date: 2024-07-01}\n")),
			want:  []string{file + ":3: posted: want a date (2024-03-01) or a date-time"},
		},
		{
			name:  "posted left empty fails at its line",
			setup: writeRecorded(file, dated("posted:\n")),
			want:  []string{file + ":3: posted: want a date (2024-03-01) or a date-time"},
		},
		{
			name:  "a TOML date-time with a bad offset fails at its line",
			setup: writeRecorded(file, "+++\ntitle = 'Privacy policy'\nposted = 2024-07-01T10:00:00+15:30\n+++\n## 1. General\n\n1.1. Text.\n"),
			want:  []string{file + ":3: posted: bad UTC offset: no time zone is +15:30 from UTC"},
		},
	}
}
