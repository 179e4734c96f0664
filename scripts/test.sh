#!/usr/bin/env bash
# The whole test suite, on a fresh machine (Debian or Ubuntu, Java 17 and Maven; run as root, or with sudo, for the
# packages): makes sure that PostgreSQL is up on 127.0.0.1:5432 (user postgres, trust authentication, database "test"),
# that Chromium and ChromeDriver (the status page is tested in a headless browser) and promtool (the shipped alerting
# rules are checked with it) are installed, installing what is missing from the distribution's packages, then runs
# the tests, builds the jar and the container image, and tests the image (ImageIT). Arguments go to Maven
# (e.g. -Dtest=H2CallLogTest).
set -euo pipefail
cd "$(dirname "$0")/.."

# Package installs and the database server need root: sudo when not root already.
root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_ok() { psql -h 127.0.0.1 -p 5432 -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1; }

if ! pg_ok; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: installing it from Debian's packages"
    root apt-get update -qq
    root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    # Local test server only: trust connections from this machine, as the project's machines are set up.
    root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' \
      "/etc/postgresql/$version/main/pg_hba.conf"
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL $version"
  root pg_ctlcluster --skip-systemctl-redirect "$version" main start \
    || root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  if ! pg_ok; then
    root su postgres -c "createdb test" 2>/dev/null || true
  fi
  pg_ok || { echo "PostgreSQL is not reachable at 127.0.0.1:5432 as postgres/test" >&2; exit 1; }
fi

# The status page is tested in a real browser: Debian's Chromium and its WebDriver.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing Chromium and ChromeDriver from Debian's packages (browser tests)"
  root apt-get update -qq
  root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The shipped Prometheus alerting rules are checked with Prometheus' own promtool.
if ! command -v promtool >/dev/null 2>&1; then
  echo "Installing promtool from Debian's prometheus package (alerting rules tests)"
  root apt-get update -qq
  root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
fi

mvn -B -Pimage verify "$@"
