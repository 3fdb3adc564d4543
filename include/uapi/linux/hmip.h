/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * hmip: Hierarchical Mobile IPv6 (RFC 4140) generic netlink interface.
 *
 * The family is named HMIP_GENL_NAME and versioned with HMIP_GENL_VERSION:
 * a change that breaks an existing attribute or command bumps the version,
 * new attributes and commands do not.
 */
#ifndef _UAPI_LINUX_HMIP_H
#define _UAPI_LINUX_HMIP_H

#define HMIP_GENL_NAME		"hmip"
#define HMIP_GENL_VERSION	1
/*
 * Two multicast groups carry the same events. On "events" a binding's
 * event leaves out its LCoA and IPsec SA (location privacy, RFC 4140
 * section 6.6), as HMIP_CMD_BINDING_GET does for a requester without
 * CAP_NET_ADMIN; "events-admin", which needs CAP_NET_ADMIN in the user
 * namespace of the network namespace, carries them whole. A listener
 * joins one of the two.
 */
#define HMIP_GENL_MCGRP_EVENTS	"events"
#define HMIP_GENL_MCGRP_EVENTS_ADMIN	"events-admin"

/**
 * enum hmip_cmd - generic netlink commands
 * @HMIP_CMD_STATS_GET: read the per-netns counters (reply: %HMIP_A_STATS)
 * @HMIP_CMD_CONFIG_GET: read the per-netns settings (reply: %HMIP_A_CONFIG)
 * @HMIP_CMD_CONFIG_SET: change per-netns settings (%HMIP_A_CONFIG); needs
 *	CAP_NET_ADMIN in the user namespace that owns the netns
 * @HMIP_CMD_EVENT: notification sent on the "events" multicast group;
 *	carries %HMIP_A_EVENT_TYPE and the attributes of that event
 * @HMIP_CMD_MAP_ADD: make this node a MAP for %HMIP_A_MAP (admin)
 * @HMIP_CMD_MAP_SET: change the settings of an existing MAP (admin)
 * @HMIP_CMD_MAP_DEL: stop being the MAP of %HMIP_A_MAP_ADDR; its bindings
 *	go (admin)
 * @HMIP_CMD_MAP_GET: one MAP (doit, by %HMIP_A_MAP_ADDR) or all (dump)
 * @HMIP_CMD_BINDING_GET: one binding (doit, by %HMIP_A_BINDING_RCOA) or
 *	a dump, optionally of one MAP's (%HMIP_A_BINDING_MAP); the LCoA and
 *	the SA only for a requester with CAP_NET_ADMIN
 * @HMIP_CMD_BINDING_DEL: delete the binding of %HMIP_A_BINDING_RCOA (admin)
 * @HMIP_CMD_BINDING_FLUSH: delete all bindings, or one MAP's (admin)
 * @HMIP_CMD_AR_ADD: add a MAP option (%HMIP_A_AR_MAP_ADDR) or a relay
 *	(%HMIP_A_AR_RELAY_FROM) to the router advertisements of
 *	%HMIP_A_AR_IFINDEX, or a neighbouring access router
 *	(%HMIP_A_AR_NEIGHBOUR, %HMIP_A_AR_NBR_PREFIX,
 *	%HMIP_A_AR_NBR_PREFIX_LEN, %HMIP_A_AR_NBR_AP, %HMIP_A_AR_NBR_LLA)
 *	to its Proxy Router Advertisements (admin)
 * @HMIP_CMD_AR_SET: change a MAP option or a neighbour of an interface
 *	(admin)
 * @HMIP_CMD_AR_DEL: remove a MAP option, a relay or a neighbour of an
 *	interface (admin)
 * @HMIP_CMD_AR_GET: dump the access router's MAP options, relays, the
 *	options learned from upstream advertisements and the neighbours;
 *	without NLM_F_DUMP,
 *	the role's settings (%HMIP_AR_KIND_ROLE)
 * @HMIP_CMD_MN_ADD: run the mobile node role on %HMIP_A_MN_IFINDEX (admin)
 * @HMIP_CMD_MN_SET: change the mobile node settings of an interface (admin)
 * @HMIP_CMD_MN_DEL: stop the mobile node role on an interface (admin)
 * @HMIP_CMD_MN_GET: one interface (doit) or all (dump): settings, MAP
 *	options heard, LCoA and registrations
 * @HMIP_CMD_HA_ADD: make this node a home agent for %HMIP_A_HA (admin)
 * @HMIP_CMD_HA_SET: change the settings of an existing home agent (admin)
 * @HMIP_CMD_HA_DEL: stop being the home agent of %HMIP_A_HA_ADDR; its
 *	bindings go (admin)
 * @HMIP_CMD_HA_GET: one home agent (doit, by %HMIP_A_HA_ADDR) or all (dump)
 * @HMIP_CMD_MN_PREPARE: the layer-2 trigger of a fast handover (RFC 5568
 *	section 3.1): the mobile node of %HMIP_A_MN_IFINDEX asks its access
 *	router about the neighbouring access router %HMIP_A_MN_PREPARE_AR
 *	and forms its prospective new care-of address (admin)
 * @HMIP_CMD_AR_PREPARE: the network side's layer-2 trigger of a
 *	network-initiated fast handover (RFC 5568 sections 3.3 and 6.1.2):
 *	the access router sends the mobile node %HMIP_A_AR_PREPARE_MN on
 *	%HMIP_A_AR_IFINDEX an unsolicited Proxy Router Advertisement (Code
 *	1) describing the neighbour %HMIP_A_AR_NEIGHBOUR, with the MAP
 *	options of the interface (RFC 4140 Appendix A) (admin)
 *
 * The binding commands serve the bindings of every anchor role, MAPs' and
 * home agents' (%HMIP_A_BINDING_ROLE says whose).
 */
enum hmip_cmd {
	HMIP_CMD_UNSPEC,
	HMIP_CMD_STATS_GET,
	HMIP_CMD_CONFIG_GET,
	HMIP_CMD_CONFIG_SET,
	HMIP_CMD_EVENT,
	HMIP_CMD_MAP_ADD,
	HMIP_CMD_MAP_SET,
	HMIP_CMD_MAP_DEL,
	HMIP_CMD_MAP_GET,
	HMIP_CMD_BINDING_GET,
	HMIP_CMD_BINDING_DEL,
	HMIP_CMD_BINDING_FLUSH,
	HMIP_CMD_AR_ADD,
	HMIP_CMD_AR_SET,
	HMIP_CMD_AR_DEL,
	HMIP_CMD_AR_GET,
	HMIP_CMD_MN_ADD,
	HMIP_CMD_MN_SET,
	HMIP_CMD_MN_DEL,
	HMIP_CMD_MN_GET,
	HMIP_CMD_HA_ADD,
	HMIP_CMD_HA_SET,
	HMIP_CMD_HA_DEL,
	HMIP_CMD_HA_GET,
	HMIP_CMD_MN_PREPARE,
	HMIP_CMD_AR_PREPARE,

	__HMIP_CMD_MAX,
};

#define HMIP_CMD_MAX (__HMIP_CMD_MAX - 1)

/**
 * enum hmip_attr - top-level attributes
 * @HMIP_A_PAD: padding for 64-bit attributes
 * @HMIP_A_STATS: nest of %HMIP_A_STATS_ENTRY nests, one per counter
 * @HMIP_A_CONFIG: nest of &enum hmip_config_attr
 * @HMIP_A_EVENT_TYPE: u32, &enum hmip_event
 * @HMIP_A_MAP: nest of &enum hmip_map_attr
 * @HMIP_A_BINDING: nest of &enum hmip_binding_attr
 * @HMIP_A_AR: nest of &enum hmip_ar_attr
 * @HMIP_A_MN: nest of &enum hmip_mn_attr
 * @HMIP_A_HA: nest of &enum hmip_ha_attr
 */
enum hmip_attr {
	HMIP_A_UNSPEC,
	HMIP_A_PAD,
	HMIP_A_STATS,
	HMIP_A_CONFIG,
	HMIP_A_EVENT_TYPE,
	HMIP_A_MAP,
	HMIP_A_BINDING,
	HMIP_A_AR,
	HMIP_A_MN,
	HMIP_A_HA,

	__HMIP_A_MAX,
};

#define HMIP_A_MAX (__HMIP_A_MAX - 1)

/**
 * enum hmip_stats_attr - attributes inside %HMIP_A_STATS
 * @HMIP_A_STATS_ENTRY: nest of &enum hmip_stat_attr, one per counter
 */
enum hmip_stats_attr {
	HMIP_A_STATS_UNSPEC,
	HMIP_A_STATS_ENTRY,

	__HMIP_A_STATS_MAX,
};

#define HMIP_A_STATS_MAX (__HMIP_A_STATS_MAX - 1)

/**
 * enum hmip_stat_attr - one counter
 * @HMIP_A_STAT_PAD: padding for @HMIP_A_STAT_VALUE
 * @HMIP_A_STAT_NAME: string, stable name of the counter (for example
 *	"mh_drop_bad_checksum"); Documentation/counters.rst lists them
 * @HMIP_A_STAT_VALUE: u64, the counter's value in this netns
 */
enum hmip_stat_attr {
	HMIP_A_STAT_UNSPEC,
	HMIP_A_STAT_PAD,
	HMIP_A_STAT_NAME,
	HMIP_A_STAT_VALUE,

	__HMIP_A_STAT_MAX,
};

#define HMIP_A_STAT_MAX (__HMIP_A_STAT_MAX - 1)

/**
 * enum hmip_config_attr - per-netns settings inside %HMIP_A_CONFIG
 * @HMIP_A_CFG_ERR_RATELIMIT_MS: u32, milliseconds that earn one token for
 *	the per-destination limiter of the messages hmip sends in answer to
 *	received packets (Binding Error, rejecting Binding Ack);
 *	0 disables the limit; at most 3600000
 * @HMIP_A_CFG_ERR_RATELIMIT_BURST: u32, tokens a destination may save up,
 *	1 to 1000
 */
enum hmip_config_attr {
	HMIP_A_CFG_UNSPEC,
	HMIP_A_CFG_ERR_RATELIMIT_MS,
	HMIP_A_CFG_ERR_RATELIMIT_BURST,

	__HMIP_A_CFG_MAX,
};

#define HMIP_A_CFG_MAX (__HMIP_A_CFG_MAX - 1)

/**
 * enum hmip_map_attr - a Mobility Anchor Point, inside %HMIP_A_MAP
 * @HMIP_A_MAP_ADDR: 16 octets, the MAP's global address; its /64 is the
 *	prefix RCoAs are formed from (RFC 4140 section 5)
 * @HMIP_A_MAP_IFINDEX: u32, the interface on the MAP's link
 * @HMIP_A_MAP_PREF: u8, 0-15, preference advertised in MAP options
 *	(default 10, RFC 4140 section 7.1.2)
 * @HMIP_A_MAP_MAX_LIFETIME: u32, longest binding lifetime granted, in
 *	seconds, 4-262140 (default 600)
 * @HMIP_A_MAP_MAX_BINDINGS: u32, most bindings held at once, 1-16777216
 *	(default 65536)
 * @HMIP_A_MAP_ONLINK_PREFIXES: nest of %HMIP_A_PREFIX: LCoAs a new binding
 *	may use (RFC 4140 section 6.2); empty or absent: any
 * @HMIP_A_MAP_FORWARD_PREFIXES: nest of %HMIP_A_PREFIX: LCoAs outside the
 *	on-link prefixes that an existing binding may move to (section 8)
 * @HMIP_A_MAP_REQUIRE_IPSEC: u8, 0 or 1 (default 1): accept only Binding
 *	Updates protected by an ESP or AH transport-mode SA
 * @HMIP_A_MAP_BINDINGS: u32, bindings held now (read only)
 * @HMIP_A_MAP_MODE: u8, &enum hmip_map_mode: how packets for an RCoA reach
 *	the MAP (default %HMIP_MAP_MODE_PROXY_ND)
 * @HMIP_A_MAP_TUNNEL_NAME: string, name of the MAP's tunnel device; only
 *	when the MAP is added (default "hmip%d")
 * @HMIP_A_MAP_TUNNEL_IFINDEX: u32, the tunnel device (read only)
 * @HMIP_A_MAP_REQUIRE_ALTCOA: u8, 0 or 1 (default 1): with
 *	%HMIP_A_MAP_REQUIRE_IPSEC, refuse (status 129) a Binding Update that
 *	ESP protected without an Alternate Care-of Address option: ESP does
 *	not cover the IPv6 source, the LCoA otherwise (RFC 4877 section 4.1).
 *	0 takes the source, as RFC 4140 / RFC 5380 section 6.1 allow
 * @HMIP_A_MAP_RFC: u16, %HMIP_RFC_4140 or %HMIP_RFC_5380 (default): the
 *	specification whose rules the MAP follows where the two differ
 *	(Documentation/rfc5380.rst)
 * @HMIP_A_MAP_RCOA_POOLS: nest of %HMIP_A_PREFIX: the prefixes an IKEv2
 *	daemon allocates RCoAs from (RFC 5380 section 6.2, RFC 4877 section
 *	9): an RCoA in one gets no DAD, and with %HMIP_A_MAP_REQUIRE_IPSEC
 *	is bound only under an SA whose selector names it alone (status 129
 *	otherwise); empty or absent: none
 * @HMIP_A_MAP_BICAST: u32, 0-10000 (default 1000): milliseconds for which
 *	an accepted Fast Binding Update leaves packets for the RCoA tunnelled
 *	to the previous LCoA as well as to the new one (RFC 4140 Appendix A,
 *	RFC 5568 section 4); 0 sends them to the new LCoA only
 * @HMIP_A_MAP_ACCESS_ROUTERS: nest of %HMIP_A_MAP_AR: the access routers
 *	the MAP asks, with a Handover Initiate, to confirm the new LCoA of
 *	a Fast Binding Update in their prefix before it moves the binding
 *	(RFC 4140 Appendix A, RFC 5568 section 6.2.1); the list replaces
 *	the MAP's, empty clears it; at most 16
 * @HMIP_A_MAP_HANDOVERS: u32, Fast Binding Updates held for an access
 *	router's Handover Acknowledge now (read only)
 * @HMIP_A_MAP_HI_TIMEOUT: u32, 10-10000 (default 100): milliseconds before
 *	the first retransmission of a Handover Initiate; each further one
 *	waits twice as long, and the Fast Binding Update is refused (FBack
 *	128) one doubled timeout after the third (RFC 5568 sections 6.2.1.1
 *	and 9 leave the value to the implementation)
 */
enum hmip_map_attr {
	HMIP_A_MAP_UNSPEC,
	HMIP_A_MAP_ADDR,
	HMIP_A_MAP_IFINDEX,
	HMIP_A_MAP_PREF,
	HMIP_A_MAP_MAX_LIFETIME,
	HMIP_A_MAP_MAX_BINDINGS,
	HMIP_A_MAP_ONLINK_PREFIXES,
	HMIP_A_MAP_FORWARD_PREFIXES,
	HMIP_A_MAP_REQUIRE_IPSEC,
	HMIP_A_MAP_BINDINGS,
	HMIP_A_MAP_MODE,
	HMIP_A_MAP_TUNNEL_NAME,
	HMIP_A_MAP_TUNNEL_IFINDEX,
	HMIP_A_MAP_REQUIRE_ALTCOA,
	HMIP_A_MAP_RFC,
	HMIP_A_MAP_RCOA_POOLS,
	HMIP_A_MAP_BICAST,
	HMIP_A_MAP_ACCESS_ROUTERS,
	HMIP_A_MAP_HANDOVERS,
	HMIP_A_MAP_HI_TIMEOUT,

	__HMIP_A_MAP_MAX,
};

#define HMIP_A_MAP_MAX (__HMIP_A_MAP_MAX - 1)

/**
 * enum hmip_map_ar_attr - an access router of a MAP, inside
 *	%HMIP_A_MAP_ACCESS_ROUTERS
 * @HMIP_A_MAP_AR: nest, one access router, of the attributes below
 * @HMIP_A_MAP_AR_ADDR: 16 octets, its global address, where the
 *	Handover Initiate goes (required)
 * @HMIP_A_MAP_AR_PREFIX: 16 octets, the prefix it serves: a new LCoA in
 *	it makes the MAP ask this router (required)
 * @HMIP_A_MAP_AR_PREFIX_LEN: u8, 1-128, its length (required)
 * @HMIP_A_MAP_AR_BUFFER: u8, 0 or 1 (default 0): set the U flag, asking
 *	the router to buffer the node's packets until it arrives
 */
enum hmip_map_ar_attr {
	HMIP_A_MAP_AR_UNSPEC,
	HMIP_A_MAP_AR,
	HMIP_A_MAP_AR_ADDR,
	HMIP_A_MAP_AR_PREFIX,
	HMIP_A_MAP_AR_PREFIX_LEN,
	HMIP_A_MAP_AR_BUFFER,

	__HMIP_A_MAP_AR_MAX,
};

#define HMIP_A_MAP_AR_MAX (__HMIP_A_MAP_AR_MAX - 1)

/**
 * enum hmip_map_mode - how the MAP intercepts packets for its RCoAs
 * @HMIP_MAP_MODE_PROXY_ND: the RCoAs live on the MAP's link; the MAP
 *	answers Neighbour Solicitations for each bound RCoA (RFC 4140 6.2)
 * @HMIP_MAP_MODE_ROUTED: the MAP's /64 is routed to the MAP; packets for
 *	an RCoA without a binding get ICMPv6 address unreachable
 */
enum hmip_map_mode {
	HMIP_MAP_MODE_PROXY_ND,
	HMIP_MAP_MODE_ROUTED,

	__HMIP_MAP_MODE_MAX,
};

#define HMIP_MAP_MODE_MAX (__HMIP_MAP_MODE_MAX - 1)

/*
 * The values of %HMIP_A_MAP_RFC, %HMIP_A_AR_RFC and %HMIP_A_MN_RFC: the
 * RFC's number. RFC 5380 (Standards Track) obsoletes RFC 4140
 * (Experimental); Documentation/rfc5380.rst lists what each changes.
 */
#define HMIP_RFC_4140		4140
#define HMIP_RFC_5380		5380

/**
 * enum hmip_ha_attr - a home agent, inside %HMIP_A_HA
 * @HMIP_A_HA_ADDR: 16 octets, the home agent's global address, one of this
 *	node's, where mobile nodes send their home registrations
 * @HMIP_A_HA_IFINDEX: u32, the interface on the home link
 * @HMIP_A_HA_PREF: u8, 0-255, the home agent's preference (RFC 6275
 *	section 7.4; kept for the Home Agents List, default 0)
 * @HMIP_A_HA_MAX_LIFETIME: u32, longest binding lifetime granted, in
 *	seconds, 4-262140 (default 600); a home prefix with a finite valid
 *	lifetime on the home link shortens it further (section 10.3.1)
 * @HMIP_A_HA_MAX_BINDINGS: u32, most bindings held at once, 1-16777216
 *	(default 65536)
 * @HMIP_A_HA_PREFIXES: nest of %HMIP_A_PREFIX: the home prefixes; a home
 *	address must lie in one (else status 132). Absent when added: the
 *	/64 of %HMIP_A_HA_ADDR
 * @HMIP_A_HA_REQUIRE_IPSEC: u8, 0 or 1 (default 1): accept only Binding
 *	Updates protected by an ESP or AH transport-mode SA (RFC 6275
 *	section 5.1, RFC 4877)
 * @HMIP_A_HA_BINDINGS: u32, bindings held now (read only)
 * @HMIP_A_HA_TUNNEL_NAME: string, name of the home agent's tunnel device;
 *	only when it is added (default "hmipha%d")
 * @HMIP_A_HA_TUNNEL_IFINDEX: u32, the tunnel device (read only)
 * @HMIP_A_HA_LIST: nest of %HMIP_A_HAL_ENTRY (read only): the Home Agents
 *	List of the home link (RFC 6275 section 10.1), this home agent's
 *	own entry first
 */
enum hmip_ha_attr {
	HMIP_A_HA_UNSPEC,
	HMIP_A_HA_ADDR,
	HMIP_A_HA_IFINDEX,
	HMIP_A_HA_PREF,
	HMIP_A_HA_MAX_LIFETIME,
	HMIP_A_HA_MAX_BINDINGS,
	HMIP_A_HA_PREFIXES,
	HMIP_A_HA_REQUIRE_IPSEC,
	HMIP_A_HA_BINDINGS,
	HMIP_A_HA_TUNNEL_NAME,
	HMIP_A_HA_TUNNEL_IFINDEX,
	HMIP_A_HA_LIST,

	__HMIP_A_HA_MAX,
};

#define HMIP_A_HA_MAX (__HMIP_A_HA_MAX - 1)

/**
 * enum hmip_hal_attr - the Home Agents List, inside %HMIP_A_HA_LIST
 * @HMIP_A_HAL_ENTRY: nest, one home agent, of the attributes below
 * @HMIP_A_HAL_ROUTER: 16 octets, the link-local address its router
 *	advertisements come from (absent in the own entry)
 * @HMIP_A_HAL_ADDR: 16 octets, its global address (a Prefix Information
 *	option with the R flag); absent when it advertised none, which
 *	keeps it out of discovery replies
 * @HMIP_A_HAL_PREF: u16, its preference, a signed 16-bit number (RFC 6275
 *	section 7.4)
 * @HMIP_A_HAL_LIFETIME: u32, seconds left (absent in the own entry)
 * @HMIP_A_HAL_OWN: flag, the entry of the home agent that answers
 */
enum hmip_hal_attr {
	HMIP_A_HAL_UNSPEC,
	HMIP_A_HAL_ENTRY,
	HMIP_A_HAL_ROUTER,
	HMIP_A_HAL_ADDR,
	HMIP_A_HAL_PREF,
	HMIP_A_HAL_LIFETIME,
	HMIP_A_HAL_OWN,

	__HMIP_A_HAL_MAX,
};

#define HMIP_A_HAL_MAX (__HMIP_A_HAL_MAX - 1)

/**
 * enum hmip_role - the anchor role that holds a binding
 * @HMIP_ROLE_MAP: a MAP (RCoA -> LCoA)
 * @HMIP_ROLE_HA: a home agent (home address -> care-of address)
 */
enum hmip_role {
	HMIP_ROLE_MAP,
	HMIP_ROLE_HA,

	__HMIP_ROLE_MAX,
};

#define HMIP_ROLE_MAX (__HMIP_ROLE_MAX - 1)

/**
 * enum hmip_prefix_attr - a prefix list entry
 * @HMIP_A_PREFIX: nest of %HMIP_A_PREFIX_ADDR and %HMIP_A_PREFIX_LEN
 * @HMIP_A_PREFIX_ADDR: 16 octets
 * @HMIP_A_PREFIX_LEN: u8, 0-128
 */
enum hmip_prefix_attr {
	HMIP_A_PREFIX_UNSPEC,
	HMIP_A_PREFIX,
	HMIP_A_PREFIX_ADDR,
	HMIP_A_PREFIX_LEN,

	__HMIP_A_PREFIX_MAX,
};

#define HMIP_A_PREFIX_MAX (__HMIP_A_PREFIX_MAX - 1)

/**
 * enum hmip_binding_attr - a binding, inside %HMIP_A_BINDING
 * @HMIP_A_BINDING_PAD: padding for 64-bit attributes
 * @HMIP_A_BINDING_RCOA: 16 octets, the regional care-of address (at a
 *	home agent: the home address)
 * @HMIP_A_BINDING_LCOA: 16 octets, the on-link care-of address (at a home
 *	agent: the care-of address, an HMIPv6 node's RCoA)
 * @HMIP_A_BINDING_MAP: 16 octets, the address of the MAP or home agent
 *	that holds it
 * @HMIP_A_BINDING_SEQ: u16, last accepted sequence number
 * @HMIP_A_BINDING_FLAGS: u16, flags of the last accepted Binding Update
 * @HMIP_A_BINDING_LIFETIME: u32, seconds granted
 * @HMIP_A_BINDING_REMAINING: u32, seconds left
 * @HMIP_A_BINDING_AGE_MS: u64, milliseconds since the binding was created
 * @HMIP_A_BINDING_REFRESHED_MS: u64, milliseconds since the last accepted
 *	Binding Update
 * @HMIP_A_BINDING_TX_PACKETS: u64, packets tunnelled to the LCoA
 * @HMIP_A_BINDING_TX_BYTES: u64, their bytes, inner packets counted
 * @HMIP_A_BINDING_RX_PACKETS: u64, packets the mobile node tunnelled back
 * @HMIP_A_BINDING_RX_BYTES: u64, their bytes, inner packets counted
 * @HMIP_A_BINDING_SA_PROTO: u8, IPPROTO_ESP (50) or IPPROTO_AH (51): the
 *	protocol of the IPsec security association the binding belongs to
 *	(RFC 4140 section 12.1); absent when the binding has none (made or
 *	last updated with require-ipsec off) (read only)
 * @HMIP_A_BINDING_SA_SPI: u32, that SA's SPI, in host byte order (read
 *	only)
 * @HMIP_A_BINDING_SA_DADDR: 16 octets, that SA's destination address,
 *	the MAP's (read only)
 * @HMIP_A_BINDING_SA_PEER: 16 octets, that SA's source address: the
 *	mobile node, or the IKE peer that keyed it. A Binding Update under
 *	another SA of the same peer, reqid and selector (a rekeyed one) is
 *	taken, and the binding moves to it (read only)
 * @HMIP_A_BINDING_SA_REQID: u32, that SA's reqid (read only)
 * @HMIP_A_BINDING_ROLE: u8, &enum hmip_role: who holds it (read only)
 */
enum hmip_binding_attr {
	HMIP_A_BINDING_UNSPEC,
	HMIP_A_BINDING_PAD,
	HMIP_A_BINDING_RCOA,
	HMIP_A_BINDING_LCOA,
	HMIP_A_BINDING_MAP,
	HMIP_A_BINDING_SEQ,
	HMIP_A_BINDING_FLAGS,
	HMIP_A_BINDING_LIFETIME,
	HMIP_A_BINDING_REMAINING,
	HMIP_A_BINDING_AGE_MS,
	HMIP_A_BINDING_REFRESHED_MS,
	HMIP_A_BINDING_TX_PACKETS,
	HMIP_A_BINDING_TX_BYTES,
	HMIP_A_BINDING_RX_PACKETS,
	HMIP_A_BINDING_RX_BYTES,
	HMIP_A_BINDING_SA_PROTO,
	HMIP_A_BINDING_SA_SPI,
	HMIP_A_BINDING_SA_DADDR,
	HMIP_A_BINDING_SA_PEER,
	HMIP_A_BINDING_SA_REQID,
	HMIP_A_BINDING_ROLE,

	__HMIP_A_BINDING_MAX,
};

#define HMIP_A_BINDING_MAX (__HMIP_A_BINDING_MAX - 1)

/**
 * enum hmip_ar_kind - what an access router entry is
 * @HMIP_AR_KIND_STATIC: a MAP option configured with "ar add ... map"
 * @HMIP_AR_KIND_RELAY: relay the MAP options heard on
 *	%HMIP_A_AR_RELAY_FROM onto %HMIP_A_AR_IFINDEX (RFC 4140 7.1.1)
 * @HMIP_AR_KIND_LEARNED: a MAP option heard in an advertisement on
 *	%HMIP_A_AR_IFINDEX, an upstream interface of a relay (read only)
 * @HMIP_AR_KIND_ROLE: the access router role's own settings
 *	(%HMIP_A_AR_RFC), without an interface: the reply of
 *	%HMIP_CMD_AR_GET without NLM_F_DUMP, and its change events
 * @HMIP_AR_KIND_NEIGHBOUR: a neighbouring access router that Proxy Router
 *	Advertisements on %HMIP_A_AR_IFINDEX describe (RFC 5568 section
 *	6.1.2): %HMIP_A_AR_NEIGHBOUR, its prefix, the link-layer address of
 *	its access point and, optionally, its own
 * @HMIP_AR_KIND_HANDOVER: a Handover Initiate a MAP sent to the MAP
 *	option of %HMIP_A_AR_IFINDEX (%HMIP_EVENT_AR_HI only): the NCoA
 *	(%HMIP_A_AR_HI_NCOA), the Handover Acknowledge's code
 *	(%HMIP_A_AR_HI_CODE) and whether packets for the NCoA are buffered
 *	(%HMIP_A_AR_HI_BUFFER)
 */
enum hmip_ar_kind {
	HMIP_AR_KIND_STATIC,
	HMIP_AR_KIND_RELAY,
	HMIP_AR_KIND_LEARNED,
	HMIP_AR_KIND_ROLE,
	HMIP_AR_KIND_NEIGHBOUR,
	HMIP_AR_KIND_HANDOVER,
};

/**
 * enum hmip_ar_watch_state - MAP failure detection (RFC 4140 section 10)
 * @HMIP_AR_WATCH_OFF: the MAP is not watched
 * @HMIP_AR_WATCH_OK: the MAP answers echo requests
 * @HMIP_AR_WATCH_PROBING: an echo request went unanswered: probing at
 *	the retry interval
 * @HMIP_AR_WATCH_FAILED: no answer for the retry time: the option goes
 *	out with valid lifetime 0 until the MAP answers again
 */
enum hmip_ar_watch_state {
	HMIP_AR_WATCH_OFF,
	HMIP_AR_WATCH_OK,
	HMIP_AR_WATCH_PROBING,
	HMIP_AR_WATCH_FAILED,
};

/**
 * enum hmip_ar_attr - an access router entry, inside %HMIP_A_AR
 * @HMIP_A_AR_IFINDEX: u32, the interface whose router advertisements
 *	carry the option (for a learned option: where it was heard)
 * @HMIP_A_AR_MAP_ADDR: 16 octets, the MAP's global address
 * @HMIP_A_AR_DIST: u8, 1-15, the option's Dist (default 1)
 * @HMIP_A_AR_PREF: u8, 0-15, the option's Pref (default 10)
 * @HMIP_A_AR_VALID_LIFETIME: u32, seconds (default 3600; 0xffffffff is
 *	infinity)
 * @HMIP_A_AR_RFLAG: u8, 0 or 1 (default 1): the R flag
 * @HMIP_A_AR_RELAY_FROM: u32, ifindex of the upstream interface of a relay
 * @HMIP_A_AR_WATCH: u8, 0 or 1 (default 0): detect MAP failures
 * @HMIP_A_AR_PROBE_MS: u32, 100-3600000 (default 10000): echo requests
 *	to a MAP that answers
 * @HMIP_A_AR_RETRY_MS: u32, 100-3600000 (default 5000): echo requests
 *	after one went unanswered
 * @HMIP_A_AR_RETRY_TIME_MS: u32, 0-3600000 (default 15000): how long to
 *	retry before the MAP is declared failed
 * @HMIP_A_AR_KIND: u8, &enum hmip_ar_kind (read only)
 * @HMIP_A_AR_WATCH_STATE: u8, &enum hmip_ar_watch_state (read only)
 * @HMIP_A_AR_REMAINING: u32, seconds a learned option has left (read only)
 * @HMIP_A_AR_RFC: u16, %HMIP_RFC_4140 or %HMIP_RFC_5380 (default): the
 *	role's setting, for the whole netns; given alone (no
 *	%HMIP_A_AR_IFINDEX) to %HMIP_CMD_AR_SET. RFC 5380 has no dynamic MAP
 *	discovery: relays exist only with %HMIP_RFC_4140
 * @HMIP_A_AR_NEIGHBOUR: 16 octets, the global address of a neighbouring
 *	access router (FMIPv6, %HMIP_AR_KIND_NEIGHBOUR); given instead of
 *	%HMIP_A_AR_MAP_ADDR and %HMIP_A_AR_RELAY_FROM
 * @HMIP_A_AR_NBR_PREFIX: 16 octets, the prefix it advertises on its link
 *	(required with %HMIP_A_AR_NEIGHBOUR when added)
 * @HMIP_A_AR_NBR_PREFIX_LEN: u8, 1-128, its length (required with it)
 * @HMIP_A_AR_NBR_AP: 1-16 octets, the link-layer address of the access
 *	point behind it, the identifier a mobile node asks with (required
 *	when added)
 * @HMIP_A_AR_NBR_LLA: 1-16 octets, the neighbour's own link-layer address
 *	on its link (optional; an empty attribute clears it)
 * @HMIP_A_AR_REQUIRE_IPSEC: u8, 0 or 1 (default 1): a MAP option's
 *	access router takes a Handover Initiate from that MAP only when an
 *	ESP or AH transport-mode SA protected it (RFC 5568 section 10)
 * @HMIP_A_AR_BUFFER_PACKETS: u32, 1-65536 (default 512): packets held
 *	for one NCoA of a Handover Initiate with the U flag
 * @HMIP_A_AR_BUFFER_ENTRIES: u32, 1-4096 (default 64): NCoAs buffered
 *	for at once for the option's MAP; past it, Handover Acknowledge code
 *	130
 * @HMIP_A_AR_BUFFER_LIFETIME_MS: u32, 100-60000 (default 2000): how long
 *	packets are held for an NCoA whose mobile node has not arrived
 * @HMIP_A_AR_PREPARE_MN: 16 octets, the mobile node that
 *	%HMIP_CMD_AR_PREPARE sends its Proxy Router Advertisement to
 * @HMIP_A_AR_HI_NCOA: 16 octets, the NCoA of a Handover Initiate
 *	(%HMIP_AR_KIND_HANDOVER) (read only)
 * @HMIP_A_AR_HI_CODE: u8, the code of the Handover Acknowledge that
 *	answered it (read only)
 * @HMIP_A_AR_HI_BUFFER: u8, 1 when packets for the NCoA are buffered
 *	(read only)
 */
enum hmip_ar_attr {
	HMIP_A_AR_UNSPEC,
	HMIP_A_AR_IFINDEX,
	HMIP_A_AR_MAP_ADDR,
	HMIP_A_AR_DIST,
	HMIP_A_AR_PREF,
	HMIP_A_AR_VALID_LIFETIME,
	HMIP_A_AR_RFLAG,
	HMIP_A_AR_RELAY_FROM,
	HMIP_A_AR_WATCH,
	HMIP_A_AR_PROBE_MS,
	HMIP_A_AR_RETRY_MS,
	HMIP_A_AR_RETRY_TIME_MS,
	HMIP_A_AR_KIND,
	HMIP_A_AR_WATCH_STATE,
	HMIP_A_AR_REMAINING,
	HMIP_A_AR_RFC,
	HMIP_A_AR_NEIGHBOUR,
	HMIP_A_AR_NBR_PREFIX,
	HMIP_A_AR_NBR_PREFIX_LEN,
	HMIP_A_AR_NBR_AP,
	HMIP_A_AR_NBR_LLA,
	HMIP_A_AR_REQUIRE_IPSEC,
	HMIP_A_AR_BUFFER_PACKETS,
	HMIP_A_AR_BUFFER_ENTRIES,
	HMIP_A_AR_BUFFER_LIFETIME_MS,
	HMIP_A_AR_PREPARE_MN,
	HMIP_A_AR_HI_NCOA,
	HMIP_A_AR_HI_CODE,
	HMIP_A_AR_HI_BUFFER,

	__HMIP_A_AR_MAX,
};

#define HMIP_A_AR_MAX (__HMIP_A_AR_MAX - 1)

/**
 * enum hmip_mn_policy - how a mobile node chooses its MAP
 * @HMIP_MN_POLICY_FURTHEST: RFC 4140 section 9.1: the furthest MAP (largest
 *	Dist) whose preference and valid lifetime are not 0; ties go to the
 *	higher preference
 * @HMIP_MN_POLICY_NEAREST: the nearest such MAP
 * @HMIP_MN_POLICY_FIXED: only %HMIP_A_MN_FIXED_MAP, when it is advertised
 */
enum hmip_mn_policy {
	HMIP_MN_POLICY_FURTHEST,
	HMIP_MN_POLICY_NEAREST,
	HMIP_MN_POLICY_FIXED,

	__HMIP_MN_POLICY_MAX,
};

#define HMIP_MN_POLICY_MAX (__HMIP_MN_POLICY_MAX - 1)

/**
 * enum hmip_mn_reg_state - a mobile node's registration with one MAP
 * @HMIP_MN_REG_REGISTERING: Binding Update sent, no acknowledgment yet
 * @HMIP_MN_REG_REGISTERED: accepted; refreshed before it expires
 * @HMIP_MN_REG_REJECTED: the MAP refused (%HMIP_A_MN_REG_STATUS)
 */
enum hmip_mn_reg_state {
	HMIP_MN_REG_REGISTERING,
	HMIP_MN_REG_REGISTERED,
	HMIP_MN_REG_REJECTED,
};

/**
 * enum hmip_mn_mode - what a mobile node registers with its home agent
 * @HMIP_MN_MODE_HMIP: its RCoA, once the MAP accepted it (RFC 4140
 *	section 6.1); its LCoA while no MAP is advertised
 * @HMIP_MN_MODE_MIPV6: plain Mobile IPv6: MAP options are ignored and the
 *	LCoA is registered with the home agent (RFC 4140 section 3)
 */
enum hmip_mn_mode {
	HMIP_MN_MODE_HMIP,
	HMIP_MN_MODE_MIPV6,

	__HMIP_MN_MODE_MAX,
};

#define HMIP_MN_MODE_MAX (__HMIP_MN_MODE_MAX - 1)

/**
 * enum hmip_mn_home_state - a mobile node's home registration
 * @HMIP_MN_HOME_IDLE: no care-of address to register yet
 * @HMIP_MN_HOME_REGISTERING: Binding Update sent, no acknowledgment yet
 * @HMIP_MN_HOME_REGISTERED: accepted; refreshed before it expires
 * @HMIP_MN_HOME_REJECTED: the home agent refused (%HMIP_A_MN_HOME_STATUS)
 * @HMIP_MN_HOME_AT_HOME: on the home link (RFC 6275 section 11.5.4): the
 *	home binding deregistered (or never made), the home address on the
 *	interface
 */
enum hmip_mn_home_state {
	HMIP_MN_HOME_IDLE,
	HMIP_MN_HOME_REGISTERING,
	HMIP_MN_HOME_REGISTERED,
	HMIP_MN_HOME_REJECTED,
	HMIP_MN_HOME_AT_HOME,
};

/**
 * enum hmip_mn_attr - the mobile node role of one interface, in %HMIP_A_MN
 * @HMIP_A_MN_IFINDEX: u32, the interface (its LCoA is autoconfigured there)
 * @HMIP_A_MN_POLICY: u8, &enum hmip_mn_policy (default furthest)
 * @HMIP_A_MN_FIXED_MAP: 16 octets, the MAP of %HMIP_MN_POLICY_FIXED
 * @HMIP_A_MN_LIFETIME: u32, 4-262140 seconds (default 600): the lifetime
 *	requested in Binding Updates
 * @HMIP_A_MN_REQUIRE_IPSEC: u8, 0 or 1 (default 1): accept only Binding
 *	Acknowledgments that IPsec protected (RFC 4140 section 12.1)
 * @HMIP_A_MN_TUNNEL_NAME: string, the name of the tunnel device at
 *	%HMIP_CMD_MN_ADD (default "hmipmn%d")
 * @HMIP_A_MN_TUNNEL_IFINDEX: u32, the tunnel device (read only)
 * @HMIP_A_MN_LCOA: 16 octets, the on-link care-of address (read only)
 * @HMIP_A_MN_ROUTER: 16 octets, the router that sent the last
 *	advertisement (read only)
 * @HMIP_A_MN_OPT: nest of &enum hmip_mn_opt_attr, one per MAP option heard
 *	(read only)
 * @HMIP_A_MN_REG: nest of &enum hmip_mn_reg_attr, one per registration:
 *	the current MAP's, and the previous MAP's until it expires (read only)
 * @HMIP_A_MN_MOVES: u32, movements seen (new LCoA) (read only)
 * @HMIP_A_MN_HANDOVER_MS: u32, the last movement's time from the loss of
 *	the old LCoA (or the arrival of the new one) to the acknowledgment of
 *	the Binding Update from the new LCoA (read only)
 * @HMIP_A_MN_HOME: 16 octets, the home address (RFC 6275 section 11):
 *	with %HMIP_A_MN_HA, the node registers with its home agent; it
 *	lives on a second tunnel device, "hmiphome%d"
 * @HMIP_A_MN_HOME_PLEN: u8, 1-128 (default 64), the home prefix's length
 * @HMIP_A_MN_HA: 16 octets, the home agent's address
 * @HMIP_A_MN_MODE: u8, &enum hmip_mn_mode (default hmip)
 * @HMIP_A_MN_HOME_REG: nest of &enum hmip_mn_home_attr, the home
 *	registration (read only)
 * @HMIP_A_MN_HA_DISCOVER: u8, 0 or 1 (default 0): instead of %HMIP_A_MN_HA,
 *	find the home agent by Dynamic Home Agent Address Discovery (RFC
 *	6275 section 11.4.1); %HMIP_A_MN_HOME_HA then says which one is used
 * @HMIP_A_MN_RFC: u16, %HMIP_RFC_4140 or %HMIP_RFC_5380 (default): the
 *	specification whose rules the node follows where the two differ
 * @HMIP_A_MN_TUNNEL_MTU: u32, the MTU of the tunnel device to the MAP
 *	(read only): with %HMIP_RFC_5380 the interface's MTU less the
 *	encapsulation (RFC 5380 section 11)
 * @HMIP_A_MN_PREPARE_AR: 16 octets, global unicast: the neighbouring
 *	access router of %HMIP_CMD_MN_PREPARE (that command only)
 * @HMIP_A_MN_FMIP: nest of &enum hmip_mn_fmip_attr, the last fast
 *	handover preparation (read only; absent before the first)
 * @HMIP_A_MN_RCOA: 16 octets, the RCoA a MAP allocated through IKEv2
 *	(RFC 5380 sections 5 and 6.1, RFC 4877 section 9), or :: for none
 *	(default): with %HMIP_RFC_5380 the node registers it with the MAP
 *	whose option has R set and whose /64 holds it, in place of the RCoA
 *	it would form
 */
enum hmip_mn_attr {
	HMIP_A_MN_UNSPEC,
	HMIP_A_MN_IFINDEX,
	HMIP_A_MN_POLICY,
	HMIP_A_MN_FIXED_MAP,
	HMIP_A_MN_LIFETIME,
	HMIP_A_MN_REQUIRE_IPSEC,
	HMIP_A_MN_TUNNEL_NAME,
	HMIP_A_MN_TUNNEL_IFINDEX,
	HMIP_A_MN_LCOA,
	HMIP_A_MN_ROUTER,
	HMIP_A_MN_OPT,
	HMIP_A_MN_REG,
	HMIP_A_MN_MOVES,
	HMIP_A_MN_HANDOVER_MS,
	HMIP_A_MN_HOME,
	HMIP_A_MN_HOME_PLEN,
	HMIP_A_MN_HA,
	HMIP_A_MN_MODE,
	HMIP_A_MN_HOME_REG,
	HMIP_A_MN_HA_DISCOVER,
	HMIP_A_MN_RFC,
	HMIP_A_MN_TUNNEL_MTU,
	HMIP_A_MN_PREPARE_AR,
	HMIP_A_MN_FMIP,
	HMIP_A_MN_RCOA,

	__HMIP_A_MN_MAX,
};

#define HMIP_A_MN_MAX (__HMIP_A_MN_MAX - 1)

/**
 * enum hmip_mn_fmip_state - a fast handover's preparation (RFC 5568)
 * @HMIP_MN_FMIP_NONE: none asked for
 * @HMIP_MN_FMIP_SOLICITING: Router Solicitations for Proxy Advertisement
 *	sent, no Proxy Router Advertisement yet
 * @HMIP_MN_FMIP_READY: the PrRtAdv described the new access router: its
 *	prefix and the prospective new care-of address are known
 * @HMIP_MN_FMIP_UNKNOWN: the PrRtAdv did not describe it (the access
 *	router has no prefix information for it)
 * @HMIP_MN_FMIP_FAILED: no PrRtAdv after the retransmissions
 */
enum hmip_mn_fmip_state {
	HMIP_MN_FMIP_NONE,
	HMIP_MN_FMIP_SOLICITING,
	HMIP_MN_FMIP_READY,
	HMIP_MN_FMIP_UNKNOWN,
	HMIP_MN_FMIP_FAILED,
};

/**
 * enum hmip_mn_fmip_attr - a fast handover's preparation, in %HMIP_A_MN_FMIP
 * @HMIP_A_MN_FMIP_STATE: u8, &enum hmip_mn_fmip_state
 * @HMIP_A_MN_FMIP_AR: 16 octets, the new access router asked about
 * @HMIP_A_MN_FMIP_ROUTER: 16 octets, the access router that answered
 *	(the PrRtAdv's link-local source)
 * @HMIP_A_MN_FMIP_PREFIX: 16 octets, the new router's prefix (ready)
 * @HMIP_A_MN_FMIP_PREFIX_LEN: u8, its length
 * @HMIP_A_MN_FMIP_NCOA: 16 octets, the prospective new care-of address:
 *	the prefix and the interface identifier of the LCoA (ready, /64)
 * @HMIP_A_MN_FMIP_AP: the link-layer address of the new access point
 * @HMIP_A_MN_FMIP_AR_LLA: the new access router's link-layer address,
 *	when the PrRtAdv gave it
 * @HMIP_A_MN_FMIP_MAP: 16 octets, the MAP of the PrRtAdv's MAP option
 *	(RFC 4140 Appendix A), when it had one
 * @HMIP_A_MN_FMIP_CODE: u8, the PrRtAdv's Code
 * @HMIP_A_MN_FMIP_REQUESTS: u32, RtSolPr sent for this preparation
 * @HMIP_A_MN_FMIP_FBU: u8, &enum hmip_mn_fbu_state: the Fast Binding
 *	Update to the MAP (RFC 5568 6.3.1, RFC 4140 Appendix A)
 * @HMIP_A_MN_FMIP_FBU_SEQ: u16, its sequence number (once sent)
 * @HMIP_A_MN_FMIP_FBU_TRIES: u32, how many times it was sent
 * @HMIP_A_MN_FMIP_FBACK_STATUS: u8, the status of its Fast Binding
 *	Acknowledgment (acked or refused)
 * @HMIP_A_MN_FMIP_UNA: u8, 1: the Unsolicited Neighbor Advertisement was
 *	sent on arrival at the new link (RFC 5568 6.3)
 * @HMIP_A_MN_FMIP_UNSOLICITED: u8, 1: the preparation came from an
 *	unsolicited Proxy Router Advertisement of the default router (a
 *	network-initiated handover, RFC 5568 3.3)
 * @HMIP_A_MN_FMIP_ARRIVAL: u8, &enum hmip_mn_arrival: the NCoA the node
 *	configured itself on arrival, before the new router's advertisement
 */
enum hmip_mn_fmip_attr {
	HMIP_A_MN_FMIP_UNSPEC,
	HMIP_A_MN_FMIP_STATE,
	HMIP_A_MN_FMIP_AR,
	HMIP_A_MN_FMIP_ROUTER,
	HMIP_A_MN_FMIP_PREFIX,
	HMIP_A_MN_FMIP_PREFIX_LEN,
	HMIP_A_MN_FMIP_NCOA,
	HMIP_A_MN_FMIP_AP,
	HMIP_A_MN_FMIP_AR_LLA,
	HMIP_A_MN_FMIP_MAP,
	HMIP_A_MN_FMIP_CODE,
	HMIP_A_MN_FMIP_REQUESTS,
	HMIP_A_MN_FMIP_FBU,
	HMIP_A_MN_FMIP_FBU_SEQ,
	HMIP_A_MN_FMIP_FBU_TRIES,
	HMIP_A_MN_FMIP_FBACK_STATUS,
	HMIP_A_MN_FMIP_UNA,
	HMIP_A_MN_FMIP_UNSOLICITED,
	HMIP_A_MN_FMIP_ARRIVAL,

	__HMIP_A_MN_FMIP_MAX,
};

#define HMIP_A_MN_FMIP_MAX (__HMIP_A_MN_FMIP_MAX - 1)

/**
 * enum hmip_mn_fbu_state - a mobile node's Fast Binding Update
 * @HMIP_MN_FBU_NONE: none sent for this preparation
 * @HMIP_MN_FBU_SENT: sent from the previous LCoA, retransmitted until
 *	its acknowledgment while the node is on that link
 * @HMIP_MN_FBU_ACKED: the MAP accepted it (FBack status below 128)
 * @HMIP_MN_FBU_REFUSED: the MAP refused it (status 128 or above)
 * @HMIP_MN_FBU_TIMEOUT: no acknowledgment after the retransmissions
 * @HMIP_MN_FBU_REACTIVE: sent from the new LCoA after arrival, no
 *	acknowledgment having come before the move (RFC 5568 section 3.2,
 *	reactive mode)
 */
enum hmip_mn_fbu_state {
	HMIP_MN_FBU_NONE,
	HMIP_MN_FBU_SENT,
	HMIP_MN_FBU_ACKED,
	HMIP_MN_FBU_REFUSED,
	HMIP_MN_FBU_TIMEOUT,
	HMIP_MN_FBU_REACTIVE,
};

/**
 * enum hmip_mn_arrival - the NCoA on arrival (RFC 5568 sections 3.3, 6.3)
 * @HMIP_MN_ARRIVAL_NONE: not configured by the node (no link-up in the
 *	prepared cell yet, or the router advertised first)
 * @HMIP_MN_ARRIVAL_ASSUMED: on link-up after the preparation the node
 *	added the NCoA (optimistic), a default route through the new access
 *	router and its neighbour entry; no router advertisement heard yet
 * @HMIP_MN_ARRIVAL_CONFIRMED: the new link's first router advertisement
 *	carried the prepared prefix: the address is the kernel's from then
 *	on, with its lifetimes, and the route its default route
 * @HMIP_MN_ARRIVAL_REMOVED: the node ended up elsewhere (another prefix
 *	advertised), lost the link, or prepared again before a router
 *	advertisement came: what it had added is removed
 * @HMIP_MN_ARRIVAL_FAILED: the address or the route could not be added:
 *	the node waits for the router advertisement as without preparation
 */
enum hmip_mn_arrival {
	HMIP_MN_ARRIVAL_NONE,
	HMIP_MN_ARRIVAL_ASSUMED,
	HMIP_MN_ARRIVAL_CONFIRMED,
	HMIP_MN_ARRIVAL_REMOVED,
	HMIP_MN_ARRIVAL_FAILED,
};

/**
 * enum hmip_mn_opt_attr - a MAP option a mobile node heard, in %HMIP_A_MN_OPT
 * @HMIP_A_MN_OPT_MAP: 16 octets, the MAP's address
 * @HMIP_A_MN_OPT_DIST: u8
 * @HMIP_A_MN_OPT_PREF: u8
 * @HMIP_A_MN_OPT_RFLAG: u8
 * @HMIP_A_MN_OPT_VALID_LIFETIME: u32, seconds, as advertised
 * @HMIP_A_MN_OPT_REMAINING: u32, seconds left
 * @HMIP_A_MN_OPT_ROUTER: 16 octets, the router that advertised it
 */
enum hmip_mn_opt_attr {
	HMIP_A_MN_OPT_UNSPEC,
	HMIP_A_MN_OPT_MAP,
	HMIP_A_MN_OPT_DIST,
	HMIP_A_MN_OPT_PREF,
	HMIP_A_MN_OPT_RFLAG,
	HMIP_A_MN_OPT_VALID_LIFETIME,
	HMIP_A_MN_OPT_REMAINING,
	HMIP_A_MN_OPT_ROUTER,

	__HMIP_A_MN_OPT_MAX,
};

#define HMIP_A_MN_OPT_MAX (__HMIP_A_MN_OPT_MAX - 1)

/**
 * enum hmip_mn_reg_attr - a registration with a MAP, in %HMIP_A_MN_REG
 * @HMIP_A_MN_REG_MAP: 16 octets, the MAP
 * @HMIP_A_MN_REG_RCOA: 16 octets, the regional care-of address
 * @HMIP_A_MN_REG_LCOA: 16 octets, the LCoA of the last Binding Update
 * @HMIP_A_MN_REG_CURRENT: u8, 1 for the current MAP, 0 for the previous
 * @HMIP_A_MN_REG_STATE: u8, &enum hmip_mn_reg_state
 * @HMIP_A_MN_REG_SEQ: u16, sequence number of the last Binding Update
 * @HMIP_A_MN_REG_LIFETIME: u32, seconds granted by the last acknowledgment
 * @HMIP_A_MN_REG_REMAINING: u32, seconds until the binding expires
 * @HMIP_A_MN_REG_NEXT_MS: u32, milliseconds until the next Binding Update
 *	(retransmission or refresh); absent when none is due
 * @HMIP_A_MN_REG_STATUS: u8, status of the last acknowledgment
 * @HMIP_A_MN_REG_RETRIES: u32, Binding Updates sent since the last
 *	acknowledgment
 */
enum hmip_mn_reg_attr {
	HMIP_A_MN_REG_UNSPEC,
	HMIP_A_MN_REG_MAP,
	HMIP_A_MN_REG_RCOA,
	HMIP_A_MN_REG_LCOA,
	HMIP_A_MN_REG_CURRENT,
	HMIP_A_MN_REG_STATE,
	HMIP_A_MN_REG_SEQ,
	HMIP_A_MN_REG_LIFETIME,
	HMIP_A_MN_REG_REMAINING,
	HMIP_A_MN_REG_NEXT_MS,
	HMIP_A_MN_REG_STATUS,
	HMIP_A_MN_REG_RETRIES,

	__HMIP_A_MN_REG_MAX,
};

#define HMIP_A_MN_REG_MAX (__HMIP_A_MN_REG_MAX - 1)

/**
 * enum hmip_mn_home_attr - the home registration, in %HMIP_A_MN_HOME_REG
 * @HMIP_A_MN_HOME_STATE: u8, &enum hmip_mn_home_state
 * @HMIP_A_MN_HOME_COA: 16 octets, the care-of address of the last Binding
 *	Update (the RCoA, or the LCoA in plain Mobile IPv6)
 * @HMIP_A_MN_HOME_SEQ: u16, sequence number of the last Binding Update
 * @HMIP_A_MN_HOME_LIFETIME: u32, seconds granted by the last acknowledgment
 * @HMIP_A_MN_HOME_REMAINING: u32, seconds until the binding expires
 * @HMIP_A_MN_HOME_NEXT_MS: u32, milliseconds until the next Binding Update;
 *	absent when none is due
 * @HMIP_A_MN_HOME_STATUS: u8, status of the last acknowledgment
 * @HMIP_A_MN_HOME_RETRIES: u32, Binding Updates sent since the last
 *	acknowledgment
 * @HMIP_A_MN_HOME_TUNNEL_IFINDEX: u32, the home tunnel device
 * @HMIP_A_MN_HOME_HA: 16 octets, the home agent in use; with
 *	%HMIP_A_MN_HA_DISCOVER, absent until discovery found one
 * @HMIP_A_MN_HOME_HA_LIST: binary, 16 octets per address: the home agents
 *	of the last Home Agent Address Discovery Reply, in its order
 *	(%HMIP_A_MN_HA_DISCOVER only)
 * @HMIP_A_MN_HOME_DHAAD_REQUESTS: u32, Home Agent Address Discovery
 *	Requests sent since the last reply (%HMIP_A_MN_HA_DISCOVER only)
 * @HMIP_A_MN_HOME_PREFIX: nest of &enum hmip_mn_home_prefix_attr, one per
 *	prefix of the last Mobile Prefix Advertisement (RFC 6275 11.4.3)
 */
enum hmip_mn_home_attr {
	HMIP_A_MN_HOME_UNSPEC,
	HMIP_A_MN_HOME_STATE,
	HMIP_A_MN_HOME_COA,
	HMIP_A_MN_HOME_SEQ,
	HMIP_A_MN_HOME_LIFETIME,
	HMIP_A_MN_HOME_REMAINING,
	HMIP_A_MN_HOME_NEXT_MS,
	HMIP_A_MN_HOME_STATUS,
	HMIP_A_MN_HOME_RETRIES,
	HMIP_A_MN_HOME_TUNNEL_IFINDEX,
	HMIP_A_MN_HOME_HA,
	HMIP_A_MN_HOME_HA_LIST,
	HMIP_A_MN_HOME_DHAAD_REQUESTS,
	HMIP_A_MN_HOME_PREFIX,

	__HMIP_A_MN_HOME_MAX,
};

#define HMIP_A_MN_HOME_MAX (__HMIP_A_MN_HOME_MAX - 1)

/**
 * enum hmip_mn_home_prefix_attr - a home prefix the home agent advertised,
 *	in %HMIP_A_MN_HOME_PREFIX
 * @HMIP_A_MN_HPFX_PREFIX: 16 octets, the prefix
 * @HMIP_A_MN_HPFX_LEN: u8, its length
 * @HMIP_A_MN_HPFX_VALID: u32, seconds of valid lifetime left (0xffffffff:
 *	infinity)
 * @HMIP_A_MN_HPFX_PREFERRED: u32, seconds of preferred lifetime left
 */
enum hmip_mn_home_prefix_attr {
	HMIP_A_MN_HPFX_UNSPEC,
	HMIP_A_MN_HPFX_PREFIX,
	HMIP_A_MN_HPFX_LEN,
	HMIP_A_MN_HPFX_VALID,
	HMIP_A_MN_HPFX_PREFERRED,

	__HMIP_A_MN_HPFX_MAX,
};

#define HMIP_A_MN_HPFX_MAX (__HMIP_A_MN_HPFX_MAX - 1)

/**
 * enum hmip_event - event types carried in %HMIP_A_EVENT_TYPE
 * @HMIP_EVENT_CONFIG_CHANGED: the per-netns settings changed; the
 *	message carries the new %HMIP_A_CONFIG
 * @HMIP_EVENT_BINDING_CREATED: a MAP or a home agent accepted a new
 *	binding (%HMIP_A_BINDING_ROLE says which)
 * @HMIP_EVENT_BINDING_REFRESHED: a binding was renewed, same LCoA
 * @HMIP_EVENT_BINDING_LCOA_CHANGED: a binding moved to a new LCoA
 * @HMIP_EVENT_BINDING_DELETED: deregistered, or deleted by the admin
 * @HMIP_EVENT_BINDING_EXPIRED: its lifetime ran out
 * @HMIP_EVENT_BINDING_FAST: a MAP accepted a Fast Binding Update: the
 *	binding moved to the new LCoA, and bicasts to the previous one for
 *	the MAP's bicast time (RFC 5568 section 6.3.1, RFC 4140 Appendix A)
 * @HMIP_EVENT_MN_FBACK: a mobile node's Fast Binding Update was
 *	acknowledged (%HMIP_A_MN_FMIP: acked or refused, the status)
 *
 * @HMIP_EVENT_AR_MAP_FAILED: a watched MAP stopped answering: its option
 *	goes out with valid lifetime 0
 * @HMIP_EVENT_AR_MAP_RECOVERED: a failed MAP answers again
 *
 * @HMIP_EVENT_MN_MOVED: a mobile node has a new LCoA
 * @HMIP_EVENT_MN_MAP_CHANGED: a mobile node chose another MAP
 * @HMIP_EVENT_MN_MAP_LOST: no usable MAP is left: plain IPv6 on the LCoA
 * @HMIP_EVENT_MN_REGISTERED: a MAP acknowledged a Binding Update
 * @HMIP_EVENT_MN_REJECTED: a MAP refused one
 * @HMIP_EVENT_MN_HOME_REGISTERED: the home agent acknowledged a home
 *	registration
 * @HMIP_EVENT_MN_HOME_REJECTED: the home agent refused one
 *
 * @HMIP_EVENT_AR_REMOVED: a MAP option or a relay went with its interface
 *	(unregistered, or moved to another netns)
 * @HMIP_EVENT_MN_REMOVED: the mobile node role of an interface went with
 *	it
 *
 * @HMIP_EVENT_MAP_ADDED: configuration: a MAP was added (%HMIP_CMD_MAP_ADD)
 * @HMIP_EVENT_MAP_CHANGED: a MAP's settings were changed
 * @HMIP_EVENT_MAP_DELETED: a MAP was deleted, with its bindings
 * @HMIP_EVENT_AR_ADDED: a MAP option or a relay was added to an interface
 * @HMIP_EVENT_AR_CHANGED: a MAP option's settings were changed
 * @HMIP_EVENT_AR_DELETED: a MAP option or a relay was removed
 * @HMIP_EVENT_MN_ADDED: the mobile node role was started on an interface
 * @HMIP_EVENT_MN_CHANGED: its settings were changed
 * @HMIP_EVENT_MN_DELETED: it was stopped
 * @HMIP_EVENT_HA_ADDED: a home agent was added
 * @HMIP_EVENT_HA_CHANGED: a home agent's settings were changed
 * @HMIP_EVENT_HA_DELETED: a home agent was deleted, with its bindings
 *
 * @HMIP_EVENT_MN_ROUTER_LOST: a mobile node lost its default router
 *	without a link event (RFC 6275 section 11.5.1: its Advertisement
 *	Interval passed and it did not answer Neighbour Solicitations, or
 *	the kernel's Neighbour Unreachability Detection failed); the
 *	message shows the router taken instead, if any
 * @HMIP_EVENT_MN_PREPARED: a mobile node's fast handover preparation
 *	ended (%HMIP_A_MN_FMIP: ready, unknown or failed)
 * @HMIP_EVENT_HA_PREFIX_ADV: a home agent's home prefixes changed: it
 *	sent the mobile node of the binding an unsolicited Mobile Prefix
 *	Advertisement (RFC 6275 section 10.6.2; once per change, not per
 *	retransmission)
 * @HMIP_EVENT_BINDING_HI_REFUSED: the access router a MAP asked about a
 *	Fast Binding Update's new LCoA refused it (Handover Acknowledge code
 *	1 or 128 and above): the binding stays where it was
 * @HMIP_EVENT_BINDING_HI_TIMEOUT: that access router did not answer the
 *	Handover Initiate and its retransmissions: the Fast Binding Update
 *	is refused, the binding stays where it was
 * @HMIP_EVENT_AR_HI: an access router answered a Handover Initiate from
 *	a MAP (RFC 5568 section 6.2.1; %HMIP_AR_KIND_HANDOVER: the NCoA, the
 *	Handover Acknowledge's code, whether it buffers for the NCoA)
 *
 * The binding events (and %HMIP_EVENT_HA_PREFIX_ADV) carry
 * %HMIP_A_BINDING, the access router events %HMIP_A_AR, the mobile node
 * events %HMIP_A_MN. A configuration event
 * (*_ADDED, *_CHANGED, *_DELETED) follows a command that succeeded and
 * carries the object (%HMIP_A_MAP, %HMIP_A_AR, %HMIP_A_MN, %HMIP_A_HA) as
 * the object's GET command shows it: after the change, or for a deletion
 * as it was just before.
 */
enum hmip_event {
	HMIP_EVENT_UNSPEC,
	HMIP_EVENT_CONFIG_CHANGED,
	HMIP_EVENT_BINDING_CREATED,
	HMIP_EVENT_BINDING_REFRESHED,
	HMIP_EVENT_BINDING_LCOA_CHANGED,
	HMIP_EVENT_BINDING_DELETED,
	HMIP_EVENT_BINDING_EXPIRED,
	HMIP_EVENT_AR_MAP_FAILED,
	HMIP_EVENT_AR_MAP_RECOVERED,
	HMIP_EVENT_MN_MOVED,
	HMIP_EVENT_MN_MAP_CHANGED,
	HMIP_EVENT_MN_MAP_LOST,
	HMIP_EVENT_MN_REGISTERED,
	HMIP_EVENT_MN_REJECTED,
	HMIP_EVENT_AR_REMOVED,
	HMIP_EVENT_MN_REMOVED,
	HMIP_EVENT_MN_HOME_REGISTERED,
	HMIP_EVENT_MN_HOME_REJECTED,
	/* configuration changes (issue 17): keep this block together */
	HMIP_EVENT_MAP_ADDED,
	HMIP_EVENT_MAP_CHANGED,
	HMIP_EVENT_MAP_DELETED,
	HMIP_EVENT_AR_ADDED,
	HMIP_EVENT_AR_CHANGED,
	HMIP_EVENT_AR_DELETED,
	HMIP_EVENT_MN_ADDED,
	HMIP_EVENT_MN_CHANGED,
	HMIP_EVENT_MN_DELETED,
	HMIP_EVENT_HA_ADDED,
	HMIP_EVENT_HA_CHANGED,
	HMIP_EVENT_HA_DELETED,
	HMIP_EVENT_MN_ROUTER_LOST,
	HMIP_EVENT_MN_PREPARED,
	HMIP_EVENT_HA_PREFIX_ADV,
	HMIP_EVENT_BINDING_FAST,
	HMIP_EVENT_BINDING_HI_REFUSED,
	HMIP_EVENT_BINDING_HI_TIMEOUT,
	HMIP_EVENT_AR_HI,
	HMIP_EVENT_MN_FBACK,

	__HMIP_EVENT_MAX,
};

#define HMIP_EVENT_MAX (__HMIP_EVENT_MAX - 1)

#endif /* _UAPI_LINUX_HMIP_H */
