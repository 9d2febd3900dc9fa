#!/usr/bin/env bash
# Checks that the committed corpus is reproducible on this kernel: regenerates every capture
# into a temporary directory (corpus/regenerate.sh: root, loop devices) and compares the
# normalized forms with the committed ones (test/corpus/regenerated.verify.ts). Exit 0 when
# they are identical; otherwise the failing captures are listed with their first difference.
#
#   sudo bash corpus/verify.sh        (npm run corpus:verify)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PKG=$(cd "$HERE/.." && pwd)
FRESH=$(mktemp -d /tmp/fanotify-corpus-verify.XXXXXX)
trap 'rm -rf "$FRESH"' EXIT

bash "$HERE/regenerate.sh" "$FRESH"
cd "$PKG"
FANOTIFY_CORPUS_REGENERATED="$FRESH" npx vitest run --config test/corpus/verify.config.ts
