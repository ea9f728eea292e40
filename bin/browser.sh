# Sourced by bin/test: makes sure Debian's chromium and chromedriver are there for the sandbox
# console's browser test (voice-plugin's SandboxConsoleBrowserIT). Installs them with apt-get when
# missing and running as root; otherwise says how. Never downloads a browser of its own.

ensure_browser() {
  local chromium=/usr/bin/chromium driver=/usr/bin/chromedriver
  if [ -x "$chromium" ] && [ -x "$driver" ]; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium and chromium-driver for the browser test (apt-get)..."
    local log
    log=$(mktemp)
    if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
        >"$log" 2>&1; then
      echo "Installed $("$chromium" --version 2>/dev/null | head -n 1)"
    else
      echo "warning: apt-get could not install chromium and chromium-driver:" >&2
      tail -n 5 "$log" >&2
    fi
    rm -f "$log"
  else
    echo "note: $chromium or $driver is missing, so the browser test is skipped (it fails when CI=true)." >&2
    echo "      Install them with: sudo apt-get update && sudo apt-get install -y chromium chromium-driver" >&2
  fi
}

ensure_browser
