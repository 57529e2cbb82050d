#!/usr/bin/env bash
# Installs what the in-editor tests need on a machine that reaches only the npm
# registry and Debian's packages:
#   - Debian packages: libkrb5-dev (native module of the VS Code server), neovim
#     (the other-editor test of the language server),
#     ripgrep (replaces the binary @vscode/ripgrep would download), chromium;
#   - the VS Code server and web workbench shipped inside the npm package
#     code-server, into a git-ignored cache folder.
# Idempotent: a marker file records a finished install, so a second run only
# checks and returns. See shared notes "offline-vscode" for why each step exists.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${GLT_VSCODE_CACHE:-$ROOT/.cache/vscode-server}"
VSCODE_DIR="$CACHE_DIR/node_modules/code-server/lib/vscode"
MARKER="$CACHE_DIR/.installed-code-server-$CODE_SERVER_VERSION"

log() { printf '[install-vscode] %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------
missing=()
if ! command -v dpkg-query >/dev/null; then
  log "this script installs Debian packages (libkrb5-dev ripgrep chromium neovim) and needs a Debian-based system"
  exit 1
fi
for pkg in libkrb5-dev ripgrep chromium neovim; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    log "missing Debian packages: ${missing[*]}"
    log "install them as root: apt-get update && apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- VS Code server ----------------------------------------------------------
if [[ -f "$MARKER" && -f "$VSCODE_DIR/out/server-main.js" ]]; then
  log "VS Code server already installed in $CACHE_DIR"
  exit 0
fi

start=$SECONDS
log "installing code-server@$CODE_SERVER_VERSION (VS Code server) into $CACHE_DIR"
# Start over from an empty folder, but never delete a folder this script did not make.
if [[ -e "$CACHE_DIR" ]]; then
  if [[ -n "$(ls -A "$CACHE_DIR")" ]] && ! grep -qs '"vscode-server-cache"' "$CACHE_DIR/package.json"; then
    log "$CACHE_DIR exists and was not made by this script; remove it or set GLT_VSCODE_CACHE"
    exit 1
  fi
  rm -rf "$CACHE_DIR"
fi
mkdir -p "$CACHE_DIR"
# A package.json of its own, so npm never touches the project's manifest or lock.
cat > "$CACHE_DIR/package.json" <<'JSON'
{ "name": "vscode-server-cache", "private": true, "description": "scratch install of the VS Code server for tests" }
JSON

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
cd "$CACHE_DIR"
npm install --no-save --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null

cd "$VSCODE_DIR"
log "installing VS Code's own dependencies"
npm install --unsafe-perm --omit=dev --ignore-scripts --loglevel=error >/dev/null

# @vscode/ripgrep's install step skips its download when bin/ exists.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg

log "building native modules (npm rebuild)"
# node-pty's install step fails on an optional compile_commands_json step after
# pty.node is built; tolerate that and check the artefacts instead.
if ! npm rebuild --unsafe-perm --loglevel=error >"$CACHE_DIR/rebuild.log" 2>&1; then
  log "npm rebuild reported a failure (expected from node-pty); checking native modules"
fi
for native in node-pty/build/Release/pty.node kerberos/build/Release/kerberos.node; do
  if [[ ! -f "node_modules/$native" ]]; then
    log "native module missing after rebuild: node_modules/$native (see $CACHE_DIR/rebuild.log)"
    exit 1
  fi
done

ln -sfn node_modules node_modules.asar

log "installing the built-in extensions' dependencies"
(cd extensions && npm install --unsafe-perm --omit=dev --loglevel=error >/dev/null)

if [[ ! -f out/server-main.js ]]; then
  log "out/server-main.js is missing: install incomplete"
  exit 1
fi
touch "$MARKER"
log "done in $((SECONDS - start)) s"
