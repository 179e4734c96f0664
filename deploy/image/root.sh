#!/usr/bin/env bash
# The image's files besides the application (which Jib lays out in /app/classpath and /app/libs): a Java runtime made
# with jlink from the JDK that builds, the C libraries it links against, a non-root user, writable folders, and the
# class-data archive the router starts with, recorded by that runtime against the application exactly as the image
# holds it (same relative class path from /app, same files, same modification time as Jib gives them), since Java 17
# uses an archive only when the class path matches the one it was recorded with. Run by `mvn -Pimage package`.
#   deploy/image/root.sh JAVA_HOME TARGET_DIR JAR MAIN_CLASS CLASS_PATH
set -euo pipefail
java_home=$1 target=$2 jar=$3 main=$4 classpath=$5
root=$target/image-root app=$target/image-app
rm -rf "$root" "$app"
mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$root/app/data" "$root/app/outbox" "$app/classpath" "$app/libs"

# The runtime: the modules the router and its libraries use, with the JDK's own class-data archive.
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.security.auth,jdk.naming.dns
modules=$modules,jdk.jfr,jdk.management,jdk.management.jfr
"$java_home/bin/jlink" --output "$root/opt/java" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --add-modules "$modules" > /dev/null

# The C libraries the runtime links against (glibc and the few others), copied from the build machine.
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | awk '/=> \// {print $3} /^\s*\/lib/ {print $1}' | grep -v "^$root" | sort -u | while read -r library; do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
  done

printf 'root:x:0:0:root:/root:/sbin/nologin\nrouter:x:65532:65532:router:/app:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nrouter:x:65532:\n' > "$root/etc/group"

# The application as Jib lays it out under /app, with Jib's modification time (one second after the epoch).
cp "$jar" "$app/classpath/"
IFS=: read -r -a entries <<< "$classpath"
for entry in "${entries[@]}"; do
  [[ $entry == libs/* ]] && cp "$target/lib/${entry#libs/}" "$app/libs/"
done
find "$app" -exec touch -h -d @1 {} +
(cd "$app" && HTTP_PORT=0 MANAGEMENT_PORT=0 DB_URL=jdbc:h2:mem:image-archive "$root/opt/java/bin/java" \
  -XX:ArchiveClassesAtExit="$root/app/call-outcome-router.jsa" -Xlog:cds=error,cds+dynamic=error \
  -Dcamel.main.durationMaxSeconds=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Drouter.mail.outbox="$app/outbox" \
  -cp "$classpath" "$main")
