#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages as an operator installs them (issue 17): dpkg -i of
# hmip-dkms and hmip (make check builds them on the host, .build/deb, when
# this test is selected or the whole suite runs), DKMS installing the
# module for the running kernel (built by make check: see below), then
# hmip.service's lines and the udev rule's,
# read from the installed files and run as written (the guest runs neither
# systemd nor udev): the configuration of /etc/hmip.conf comes at "boot",
# goes with the unit's stop, comes back with its start, and an interface
# that is deleted and created again gets its configuration back.
#
# The guest's root is a tmpfs overlay: what dpkg installs is gone after
# the run. The unit's and the rule's commands run in namespace a, which
# stands for the host's (the module they load and unload is global).
#
#   a: a0 (dummy) 2001:db8:100::1, the MAP, and the relay's upstream
#      h0 (dummy) 2001:db8:200::1, a home agent
#      v10 (dummy) the access router's link: the MAP option, the relay
#
# timeout: 300
# exclusive: it unloads and loads the module (the unit's ExecStop, ExecStart)
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
# shellcheck disable=SC2317 # functions run through check and on_exit

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

MAP=2001:db8:100::1
HA=2001:db8:200::1
debs=$TOP/.build/deb
version=$(cat "$TOP/VERSION")
unit=/lib/systemd/system/hmip.service
rule=/lib/udev/rules.d/60-hmip.rules
conf=/etc/hmip.conf
tmp=$(mktemp -d)
on_exit rm -rf "$tmp"

shopt -s nullglob
dkms_deb=("$debs"/hmip-dkms_"$version"_all.deb)
tool_deb=("$debs"/hmip_"$version"_*.deb)
shopt -u nullglob
if ((${#dkms_deb[@]} != 1 || ${#tool_deb[@]} != 1)); then
	skip "install_packages" "no $debs/hmip{,-dkms}_${version}_*.deb: make check builds them (make deb) when it runs this test"
	finish
fi

# The module make check loaded, back in place at the end (its
# dependencies first: insmod does not load them, modprobe -r took them),
# and the packages gone: a module left in /lib/modules would be loaded
# by any later test's hmip (the kernel asks modprobe for a missing
# generic netlink family), where smoke checks that it is not there.
restore_module()
{
	local dep

	dpkg --purge hmip hmip-dkms >/dev/null 2>&1
	rm -f /etc/dkms/no-autoinstall \
		/lib/modules/"$(uname -r)"/updates/dkms/hmip.ko*
	depmod -a
	[[ -d /sys/module/hmip ]] && rmmod hmip
	for dep in $(modinfo -F depends "$HMIP_KO" | tr , ' '); do
		modprobe "$dep"
	done
	insmod "$HMIP_KO"
}
on_exit restore_module

# The packages. DKMS's build of the module in hmip-dkms's postinst took
# 276 s here (Debian's kernel under emulation, 2 vCPUs, measured
# 2026-12-05), more than half the suite's time on that kernel, and the
# debug kernel's build tree is not in the guest: the postinst is told not
# to build (/etc/dkms/no-autoinstall, as an administrator would), and DKMS
# gets the module make check built from the same sources as what its build
# would have made. dkms add, then dkms install of that module, are DKMS's
# own, on the packaged sources and dkms.conf.
kver=$(uname -r)
mkdir -p /etc/dkms
touch /etc/dkms/no-autoinstall
# man-db's trigger would rebuild the index of every manual page on the
# host (most of dpkg's minute on the debug kernel): the page is checked
# below, not the index. As man-db/auto-update false does; the overlay
# forgets it with the run.
rm -f /var/lib/man-db/auto-update
t0=$SECONDS
check "dpkg -i installs hmip-dkms and hmip" \
	sh -c "dpkg -i ${dkms_deb[0]} ${tool_deb[0]} >$tmp/dpkg.log 2>&1"
log "dpkg -i took $((SECONDS - t0)) s"
log "$(tail -n 8 "$tmp/dpkg.log")"
check_eq "the installed hmip is the packaged one, of VERSION" \
	"hmip $version," "$(/usr/sbin/hmip -V | cut -d' ' -f1-2)"
check "/etc/hmip.conf is a conffile of hmip" \
	sh -c "dpkg-query -W -f '\${Conffiles}' hmip | grep -q ' $conf '"
check "the man page, bash completion, unit and udev rule are installed" \
	test -f /usr/share/man/man8/hmip.8.gz -a \
	-f /usr/share/bash-completion/completions/hmip -a -f "$unit" -a -f "$rule"
check "dkms add hmip/$version takes the packaged sources and dkms.conf" \
	sh -c "dkms add hmip/$version >$tmp/dkms.log 2>&1"
built=/var/lib/dkms/hmip/$version/$kver/$(uname -m)/module
mkdir -p "$built" "/lib/modules/$kver"
cp "$HMIP_KO" "$built/hmip.ko"
check "dkms install hmip/$version for the running kernel" \
	sh -c "dkms install hmip/$version -k $kver >>$tmp/dkms.log 2>&1"
log "$(cat "$tmp/dkms.log")"
check "... dkms status says installed" \
	sh -c "dkms status hmip/$version -k $kver | grep -q ': installed'"
check_eq "... where modprobe finds it, of VERSION" "$version" \
	"$(modinfo -F version "$(modinfo -n hmip 2>/dev/null)" 2>/dev/null)"
log "modprobe's hmip: $(modinfo -n hmip 2>&1)"

setup_ns a
ns_nodad "$a"
make_iface()
{
	on "$a" ip link add "$1" type dummy
	on "$a" ip link set "$1" up
	[[ -z ${2:-} ]] || on "$a" ip -6 addr add "$2/64" dev "$1"
}
make_iface a0 $MAP
make_iface h0 $HA
make_iface v10
cat >"$conf" <<EOF
# the configuration of this test, namespace a
config set err-ratelimit-ms 250 err-ratelimit-burst 5
map replace $MAP dev a0 pref 9
ha replace $HA dev h0 require-ipsec off pref 3
ar role set rfc 4140
ar replace dev v10 map $MAP dist 1 pref 9
ar replace dev v10 relay-from a0
EOF

# unit_lines KEY: the unit's KEY= lines, one command a line
unit_lines()
{
	sed -n "s/^$1=//p" "$unit"
}
success=" 0 $(unit_lines SuccessExitStatus) "
# run_unit KEY: run the unit's KEY= commands in order, as systemd does
# (a "-" prefix ignores failure; SuccessExitStatus counts as success);
# stops at the first that fails
run_unit()
{
	local line cmd rc ignore

	while read -r line; do
		ignore=
		[[ $line == -* ]] && ignore=1 line=${line#-}
		read -ra cmd <<<"$line"
		on "$a" "${cmd[@]}" >>"$tmp/unit.log" 2>&1
		rc=$?
		echo "$1: $line: status $rc" >>"$tmp/unit.log"
		[[ -n $ignore || $success == *" $rc "* ]] || return 1
	done < <(unit_lines "$1")
}
check_eq "the unit loads the module and applies /etc/hmip.conf with -batch" \
	"/sbin/modprobe hmip|/usr/sbin/hmip -force -batch $conf" \
	"$(unit_lines ExecStart | paste -sd'|')"
check "the unit is ordered before radvd" grep -qx "Before=radvd.service" "$unit"

# saved: what "hmip save" prints, without its comment
saved()
{
	on "$a" "$HMIP" save | grep -v '^#'
}
conf_lines()
{
	grep -v '^#' "$conf"
}

# Boot: the module make check loaded goes, the unit loads the installed one
check "ExecStop (as at shutdown) unloads the module" run_unit ExecStop
check "... it is gone" test ! -e /sys/module/hmip
check "ExecStart (as at boot) succeeds" run_unit ExecStart
check_eq "... the installed module is loaded, of VERSION" "$version" \
	"$(cat /sys/module/hmip/version 2>/dev/null)"
check_eq "... and hmip save prints /etc/hmip.conf back (with every setting)" \
	"$(conf_lines | cut -d' ' -f1-4)" "$(saved | cut -d' ' -f1-4)"
boot=$(saved)
log "$boot"

# Restart: stop removes the configuration, start brings it back the same.
check "ExecStop removes the configuration with the module" run_unit ExecStop
check "... the module is gone" test ! -e /sys/module/hmip
# (hmip's request loads it again: the family's alias)
check_eq "... and nothing of the configuration is left" "" \
	"$(saved | grep -v '^config set \|^ar role set ')"
check "ExecStart again" run_unit ExecStart
check_eq "... the configuration is back, the same" "$boot" "$(saved)"
check "ExecReload (systemctl reload) succeeds" run_unit ExecReload
check_eq "... and changes nothing" "$boot" "$(saved)"

# An interface that comes back: udev's rule runs its RUN as written.
rule_line=$(grep -v '^#' "$rule" | grep 'RUN+=')
run=$(sed -n 's/.*RUN+="\([^"]*\)".*/\1/p' <<<"$rule_line")
check_eq "the udev rule runs hmip -force -batch /etc/hmip.conf" \
	"/usr/sbin/hmip -force -batch $conf" "$run"
# udev_add IFACE: what udev does when IFACE is added: its rule's
# conditions, then RUN as written
udev_add()
{
	local cmd

	[[ $rule_line == *'ACTION=="add"'* && $rule_line == *'SUBSYSTEM=="net"'* ]] ||
		return 1
	[[ $rule_line == *'KERNEL!="hmip*"'* && $1 == hmip* ]] && return 0
	[[ -e /sys/module/hmip && -e $conf ]] || return 0
	read -ra cmd <<<"$run"
	on "$a" "${cmd[@]}"
}
on "$a" ip link del v10
check_eq "the MAP option and the relay go with v10" \
	"$(conf_lines | grep -vc '^ar replace ')" "$(saved | wc -l)"
make_iface v10
check "the rule's command for the new v10 succeeds" udev_add v10
check_eq "... v10 has its MAP option and relay back: the configuration is whole" \
	"$boot" "$(saved)"

# The MAP's own interface: the MAP stays, bound to its address; when a0
# comes back with the address, the rule points it at the new a0.
on "$a" ip link del a0
make_iface a0 $MAP
check "the rule's command for the new a0 succeeds" udev_add a0
check_eq "... the MAP is on the new a0" \
	"$(on "$a" cat /sys/class/net/a0/ifindex)" \
	"$(on "$a" "$HMIP" -j map show | jq '.[0].ifindex')"
check_eq "... and the relay from a0 is back: the configuration is whole" \
	"$boot" "$(saved)"
log "$(cat "$tmp/unit.log")"

finish
