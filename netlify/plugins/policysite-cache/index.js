// policysite-cache keeps the folder of policysite's cache, which
// netlify.toml names in POLICYSITE_CACHE_DIR, from one Netlify build to
// the next. Netlify keeps only the folders its build image knows of (Go's
// build cache among them, not this one); with the redlines and analyses
// of the build before, a build after a new edition computes only what the
// edition changes. The cache only saves time: a build without it
// writes the same bytes.

function cacheDir() {
  const dir = process.env.POLICYSITE_CACHE_DIR;
  if (!dir) {
    console.log("policysite-cache: POLICYSITE_CACHE_DIR is not set, so there is no folder to keep");
  }
  return dir;
}

module.exports = {
  // Before the build: the folder as the last successful build left it.
  async onPreBuild({ utils }) {
    const dir = cacheDir();
    if (dir && (await utils.cache.restore(dir))) {
      console.log(`policysite-cache: restored ${dir}`);
    }
  },
  // After a successful build only: a failed one may have stopped halfway,
  // though policysite's cache would cope with that too.
  async onPostBuild({ utils }) {
    const dir = cacheDir();
    if (dir && (await utils.cache.save(dir))) {
      console.log(`policysite-cache: saved ${dir}`);
    }
  },
};
