#!/usr/bin/env bash
# Installs code-server (a real VS Code in the browser) outside the repository, for the E2E suites
# under test/e2e. It works offline from the npm registry alone: code-server's own install scripts
# download ripgrep from elsewhere, so they are skipped and their steps done here by hand.
# Idempotent: a finished install leaves a stamp, and a second run returns at once.
#
# Needs Debian's build-essential, python3, libkrb5-dev (native modules) and ripgrep.
# Where: ${TOBS_CODE_SERVER_DIR:-${TOBS_CACHE_DIR:-$HOME/.cache/tobs-devkit}/code-server}
set -euo pipefail

# 4.100.3 is the last code-server that runs on Node 20; it is VS Code 1.100.3.
VERSION=4.100.3
TARGET=${TOBS_CODE_SERVER_DIR:-${TOBS_CACHE_DIR:-$HOME/.cache/tobs-devkit}/code-server}
STAMP="$TARGET/.installed-$VERSION"

if [ -f "$STAMP" ]; then
  echo "code-server $VERSION is installed in $TARGET"
  exit 0
fi

for tool in rg make g++ python3; do
  command -v "$tool" >/dev/null || { echo "setup-code-server: '$tool' is missing; apt-get install ripgrep build-essential python3 libkrb5-dev" >&2; exit 1; }
done
[ -f /usr/include/gssapi/gssapi.h ] || { echo "setup-code-server: Kerberos headers are missing; apt-get install libkrb5-dev" >&2; exit 1; }

# Build next to the target and move it in place only when complete, so an interrupted run never
# leaves a half-installed tree that looks finished.
mkdir -p "$(dirname "$TARGET")"
rm -rf "$TARGET".partial.*  # left by a run that was killed
STAGING=$(mktemp -d "$TARGET.partial.XXXXXX")
trap 'rm -rf "$STAGING"' EXIT
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

echo "setup-code-server: installing code-server $VERSION (about 90 s)"
cd "$STAGING"
echo '{"private": true}' > package.json
npm install --no-save --ignore-scripts --loglevel=error "code-server@$VERSION"
npm rebuild --loglevel=error argon2

VSCODE="$STAGING/node_modules/code-server/lib/vscode"
cd "$VSCODE"
npm install --omit=dev --ignore-scripts --loglevel=error
# @vscode/ripgrep's postinstall skips its download when bin/ already exists: give it Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# node-pty's postinstall runs `npx node-gyp`, which would stop to ask without the yes.
npm_config_yes=true npm rebuild --loglevel=error

# What code-server's own postinstall.sh would have done.
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
(cd extensions && npm install --omit=dev --loglevel=error)

touch "$STAGING/.installed-$VERSION"
rm -rf "$TARGET"
mv "$STAGING" "$TARGET"
trap - EXIT
echo "code-server $VERSION is installed in $TARGET"
