# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# strongSwan's IKEv2 daemon (Debian's charon, configured by swanctl) in a
# test's namespaces. Source after lib.sh:
#
#   charon_start NS NAME [EXTRA]
#                     charon in NS, its files under $IKE_DIR/NAME: its own
#                     strongswan.conf (EXTRA: more lines for its charon
#                     section), its log (charon.log) and its vici socket.
#                     A mount namespace of its own gives it its own /run
#                     (its pid file), so several run side by side. Returns
#                     once the socket listens; the namespace's cleanup
#                     stops it.
#   charon_anchor NS NAME
#                     charon_start for a MAP or home agent: make before
#                     break (a reauthentication installs the new CHILD_SA
#                     before it deletes the old, so that no refresh leaves
#                     without one)
#   charon_node NS NAME IFACE
#                     charon_start for a mobile node: make before break,
#                     IKE from IFACE only (the LCoA's link, never the RCoA
#                     on the node's tunnel device), and no roam events: a
#                     move changes nothing IKE has to know (the CHILD_SAs
#                     name the RCoA), and MOBIKE after a move takes the
#                     RCoA as the IKE address and loses the IKE_SA
#                     (Documentation/security.rst)
#   swanctl_in NAME COMMAND ARGS...
#                     swanctl COMMAND against that daemon (a socket is a
#                     file: any namespace reaches it)
#   ike_load NAME CONF
#                     the connections and secrets of swanctl.conf text
#                     CONF loaded into that daemon
#   ike_mh_conf CONN ADDRS LOCAL_ID REMOTE_ID LOCAL_TS REMOTE_TS PSK [CHILD]
#                     swanctl.conf text: connection CONN (ADDRS: its
#                     "local_addrs = ..." or "remote_addrs = ..." line,
#                     and more lines of the connection: "pools = ...",
#                     "vips = ::"), IKEv2 with a PSK, and a CHILD_SA "mh"
#                     for the Mobility Header between the two traffic
#                     selectors (addresses, or "dynamic": the allocated
#                     one) in transport proxy mode (security.rst); CHILD:
#                     more lines of the CHILD_SA ("updown = ...")
#
# The daemon loads only the plugins an IKEv2 PSK exchange with ESP needs
# (no DNS, no resolvconf, no routes: install_routes = no; no virtual
# address on an interface: install_virtual_ip = no, hmip takes an
# allocated RCoA through an updown hook, security.rst), and logs IKE,
# CHILD_SA and kernel events at level 2.

IKE_DIR=$(mktemp -d /tmp/hmip-ike.XXXXXX)
on_exit rm -rf "$IKE_DIR"
CHARON=/usr/lib/ipsec/charon

charon_start() {
	local ns=$1 name=$2 extra=${3:-} dir=$IKE_DIR/$2

	mkdir -p "$dir"
	cat >"$dir/strongswan.conf" <<-EOF
	charon {
		load = random nonce aes sha1 sha2 hmac kdf gmp pem pkcs1 x509 pubkey kernel-netlink socket-default vici updown
		install_routes = no
		install_virtual_ip = no
		$extra
		filelog {
			log {
				path = $dir/charon.log
				default = 1
				ike = 2
				chd = 2
				cfg = 2
				knl = 2
				flush_line = yes
			}
		}
		plugins {
			vici {
				socket = unix://$dir/charon.vici
			}
		}
	}
	# What swanctl needs to load a PSK configuration, no more (it
	# names every plugin it misses otherwise).
	swanctl {
		load = random pem pkcs1 x509 pubkey
	}
	EOF
	on "$ns" unshare -m sh -c \
		"mount -t tmpfs none /run && STRONGSWAN_CONF=$dir/strongswan.conf exec $CHARON" \
		>"$dir/stdout" 2>&1 &
	wait_for 60 test -S "$dir/charon.vici"
}

charon_anchor() {
	charon_start "$1" "$2" "make_before_break = yes"
}

charon_node() {
	charon_start "$1" "$2" "make_before_break = yes
		interfaces_use = $3
		plugins {
			kernel-netlink {
				roam_events = no
			}
		}"
}

swanctl_in() {
	local name=$1 cmd=$2
	shift 2
	STRONGSWAN_CONF=$IKE_DIR/$name/strongswan.conf \
		swanctl "$cmd" --uri "unix://$IKE_DIR/$name/charon.vici" "$@"
}

ike_load() {
	local name=$1

	printf '%s\n' "$2" >"$IKE_DIR/$name/swanctl.conf"
	swanctl_in "$name" --load-all --noprompt \
		--file "$IKE_DIR/$name/swanctl.conf" >/dev/null
}

ike_mh_conf() {
	cat <<-EOF
	connections {
		$1 {
			version = 2
			$2
			proposals = aes128-sha256-modp2048
			local {
				auth = psk
				id = $3
			}
			remote {
				auth = psk
				id = $4
			}
			children {
				mh {
					mode = transport_proxy
					local_ts = $5[135]
					remote_ts = $6[135]
					esp_proposals = aes128-sha256
					${8:-}
				}
			}
		}
	}
	secrets {
		ike-$1 {
			id-local = $3
			id-remote = $4
			secret = $7
		}
	}
	EOF
}
