# Sourced by the bench scripts. botengine_to_measure DIR prints the botengine a script measures: $BOTENGINE when it is
# set, else botengine as a user installs it (scripts/install.sh: the native build), built afresh into DIR.
botengine_to_measure() {
  if [ -n "${BOTENGINE:-}" ]; then
    echo "$BOTENGINE"
  else
    "$(dirname "${BASH_SOURCE[0]}")/../../scripts/install.sh" "$1" >&2 || return 1
    echo "$1/bin/botengine"
  fi
}
