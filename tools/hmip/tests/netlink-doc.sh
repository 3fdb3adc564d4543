#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hmip: Documentation/netlink.rst against include/uapi/linux/hmip.h, the
# contract it summarises. Fails on a difference:
#
#   - every command has its section (``HMIP_CMD_X`` at the start of a
#     line; HMIP_CMD_EVENT is the Events section's), every event is named;
#   - every attribute is named, in full or, inside its nest's description,
#     by its end (``_SA_SPI`` for HMIP_A_BINDING_SA_SPI); padding aside;
#   - the section of each HMIP_CMD_<OBJECT>_ADD names in full every
#     attribute of its object's nest (enum with HMIP_A_<OBJECT>_UNSPEC)
#     that hmip.h does not mark "(read only)";
#   - every HMIP_ name the page gives exists in hmip.h.
#
#   tests/netlink-doc.sh [hmip.h [netlink.rst]]
#
# One "ok"/"not ok" line per check; exit status 1 if any failed.

top=$(cd "$(dirname "$0")/../../.." && pwd)
uapi=${1:-$top/include/uapi/linux/hmip.h}
doc=${2:-$top/Documentation/netlink.rst}

awk -v uapi="$uapi" -v doc="$doc" '
function check(ok, name) {
	n++
	if (ok) {
		print "ok " n " - " name
	} else {
		print "not ok " n " - " name
		failed++
	}
}

# hmip.h: the enumerators, their enum, and the kernel-doc of each
FILENAME == uapi && /^enum [a-z_]+ \{/ { cur = $2; next }
FILENAME == uapi && /^};/ { cur = ""; next }
FILENAME == uapi && cur != "" && match($0, /^\t(HMIP_[A-Z0-9_]+)/) {
	name = substr($0, RSTART + 1, RLENGTH - 1)
	defined[name] = 1
	member[name] = cur
	names[++nnames] = name
	if (name ~ /_UNSPEC$/)
		unspec[name] = cur
	next
}
FILENAME == uapi && match($0, /^ \* @HMIP_[A-Z0-9_]+:/) {
	docname = substr($0, RSTART + 4, RLENGTH - 5)
}
FILENAME == uapi && /^ \*\/|^ \*$/ { docname = "" }
FILENAME == uapi && docname != "" && /read only/ { readonly[docname] = 1 }
FILENAME == uapi && match($0, /^#define (HMIP_[A-Z0-9_]+)/) {
	defined[substr($0, RSTART + 8, RLENGTH - 8)] = 1
}

# netlink.rst: its text, and the text of each command section
FILENAME == doc {
	text = text "\n" $0
	if (match($0, /^``HMIP_CMD_[A-Z0-9_]+``/)) {
		section = substr($0, 3, RLENGTH - 4)
		sections[section] = 1
	} else if ($0 ~ /^[^ \t]/) {
		section = ""
	}
	if (section != "")
		body[section] = body[section] "\n" $0
}

END {
	npara = split(text, para, /\n[ \t]*\n/)
	for (i = 1; i <= nnames; i++) {
		name = names[i]
		if (name ~ /^__|_UNSPEC$|_MAX$/)
			continue
		if (name ~ /^HMIP_CMD_/ && name != "HMIP_CMD_EVENT") {
			check(name in sections, "netlink.rst has a section for " name)
		} else if (name ~ /^HMIP_(EVENT|CMD)_/) {
			check(index(text, "``" name "``"), "netlink.rst names " name)
		} else if (name ~ /^HMIP_A_/ && name !~ /_PAD$/) {
			found = index(text, name)
			# or by its end, in a paragraph that names its nest
			for (s = name; !found && match(s, /_[A-Z0-9]+_/); ) {
				cut = length(name) - length(s) + RSTART + RLENGTH - 2
				nest = substr(name, 1, cut)
				s = substr(s, RSTART + RLENGTH - 1)
				for (p = 1; !found && p <= npara; p++)
					found = index(para[p], "``" nest "``") &&
						index(para[p], "``" s "``")
			}
			check(found, "netlink.rst names " name)
		}
	}
	for (u in unspec) {
		obj = u
		sub(/^HMIP_A_/, "", obj)
		sub(/_UNSPEC$/, "", obj)
		cmd = "HMIP_CMD_" obj "_ADD"
		if (!(cmd in sections))
			continue
		for (i = 1; i <= nnames; i++) {
			name = names[i]
			if (member[name] != unspec[u] || name ~ /_UNSPEC$|_PAD$/ ||
			    name in readonly)
				continue
			check(index(body[cmd], name),
			      cmd " names its writable attribute " name)
		}
	}
	rest = text
	while (match(rest, /HMIP_[A-Z0-9_]*[A-Z0-9]/)) {
		name = substr(rest, RSTART, RLENGTH)
		rest = substr(rest, RSTART + RLENGTH)
		if (!(name in seen)) {
			seen[name] = 1
			check(name in defined, "hmip.h defines " name ", which netlink.rst names")
		}
	}
	if (failed) {
		print "# " failed " of " n " checks failed"
		exit 1
	}
	print "# all " n " checks passed"
}' "$uapi" "$doc"
