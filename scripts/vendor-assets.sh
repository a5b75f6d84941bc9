#!/bin/sh
# Fetches the pinned JavaScript the web page and `newskg viz` embed, from the
# npm registry, and checks it against the pinned digest. The files are kept
# in git (assets/vendor/), so builds never need the network; run this only to
# change the pinned version (then update the version, URL and digest below
# and in assets/vendor/README.md).
set -eu
cd "$(dirname "$0")/.."
VERSION=3.35.0
URL="https://registry.npmjs.org/cytoscape/-/cytoscape-$VERSION.tgz"
INTEGRITY="sha512-sMvBIXiGMnhkCaWz2R06FwF/27MNlS+Tqvi17foO9UhnUg3XGZccKjxsvEqQFAQYMSSZmN5SxYzUYlQ0DOJJ3g=="
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL -o "$tmp/package.tgz" "$URL"
got="sha512-$(openssl dgst -sha512 -binary "$tmp/package.tgz" | base64 -w0)"
if [ "$got" != "$INTEGRITY" ]; then
    echo "vendor-assets: $URL does not match the pinned digest" >&2
    exit 1
fi
tar -xzf "$tmp/package.tgz" -C "$tmp"
cp "$tmp/package/dist/cytoscape.min.js" assets/vendor/cytoscape.min.js
cp "$tmp/package/LICENSE" assets/vendor/LICENSE.cytoscape
echo "assets/vendor: cytoscape $VERSION"
