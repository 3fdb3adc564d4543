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
#define HMIP_GENL_MCGRP_EVENTS	"events"

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
 *	a dump, optionally of one MAP's (%HMIP_A_BINDING_MAP)
 * @HMIP_CMD_BINDING_DEL: delete the binding of %HMIP_A_BINDING_RCOA (admin)
 * @HMIP_CMD_BINDING_FLUSH: delete all bindings, or one MAP's (admin)
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
 */
enum hmip_attr {
	HMIP_A_UNSPEC,
	HMIP_A_PAD,
	HMIP_A_STATS,
	HMIP_A_CONFIG,
	HMIP_A_EVENT_TYPE,
	HMIP_A_MAP,
	HMIP_A_BINDING,

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

	__HMIP_A_MAP_MAX,
};

#define HMIP_A_MAP_MAX (__HMIP_A_MAP_MAX - 1)

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
 * enum hmip_binding_attr - a MAP's binding, inside %HMIP_A_BINDING
 * @HMIP_A_BINDING_PAD: padding for 64-bit attributes
 * @HMIP_A_BINDING_RCOA: 16 octets, the regional care-of address
 * @HMIP_A_BINDING_LCOA: 16 octets, the on-link care-of address
 * @HMIP_A_BINDING_MAP: 16 octets, the MAP's address
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

	__HMIP_A_BINDING_MAX,
};

#define HMIP_A_BINDING_MAX (__HMIP_A_BINDING_MAX - 1)

/**
 * enum hmip_event - event types carried in %HMIP_A_EVENT_TYPE
 * @HMIP_EVENT_CONFIG_CHANGED: the per-netns settings changed; the
 *	message carries the new %HMIP_A_CONFIG
 * @HMIP_EVENT_BINDING_CREATED: a MAP accepted a new binding
 * @HMIP_EVENT_BINDING_REFRESHED: a binding was renewed, same LCoA
 * @HMIP_EVENT_BINDING_LCOA_CHANGED: a binding moved to a new LCoA
 * @HMIP_EVENT_BINDING_DELETED: deregistered, or deleted by the admin
 * @HMIP_EVENT_BINDING_EXPIRED: its lifetime ran out
 *
 * The binding events carry %HMIP_A_BINDING.
 */
enum hmip_event {
	HMIP_EVENT_UNSPEC,
	HMIP_EVENT_CONFIG_CHANGED,
	HMIP_EVENT_BINDING_CREATED,
	HMIP_EVENT_BINDING_REFRESHED,
	HMIP_EVENT_BINDING_LCOA_CHANGED,
	HMIP_EVENT_BINDING_DELETED,
	HMIP_EVENT_BINDING_EXPIRED,

	__HMIP_EVENT_MAX,
};

#define HMIP_EVENT_MAX (__HMIP_EVENT_MAX - 1)

#endif /* _UAPI_LINUX_HMIP_H */
