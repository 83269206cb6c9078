# Sourced by the bench scripts: `need COMMAND PACKAGE` installs the Debian package with
# apt-get (with sudo when not root) when the command is missing.
need() {
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2..." >&2
    local sudo=sudo
    [ "$(id -u)" = 0 ] && sudo=
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >&2
}
