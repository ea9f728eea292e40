# Sourced by bin/run, bin/test and .ci/run: points JAVA_HOME at a JDK 25 or fails saying so.
# The default java on many machines is older; the build needs 25.

find_jdk25() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64
               /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-25-openjdk-arm64)
  local dir
  for dir in /usr/lib/jvm/*25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  local home
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && "$home/bin/java" -version 2>&1 | grep -qE 'version "25'; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk25); then
  echo "error: no JDK 25 found. Install a JDK 25 (for example Temurin 25) and set JAVA_HOME to it;" >&2
  echo "       searched \$JAVA_HOME and /usr/lib/jvm/*25*." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
