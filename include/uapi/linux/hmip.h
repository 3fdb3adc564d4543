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
 */
enum hmip_cmd {
	HMIP_CMD_UNSPEC,
	HMIP_CMD_STATS_GET,
	HMIP_CMD_CONFIG_GET,
	HMIP_CMD_CONFIG_SET,
	HMIP_CMD_EVENT,

	__HMIP_CMD_MAX,
};

#define HMIP_CMD_MAX (__HMIP_CMD_MAX - 1)

/**
 * enum hmip_attr - top-level attributes
 * @HMIP_A_PAD: padding for 64-bit attributes
 * @HMIP_A_STATS: nest of %HMIP_A_STATS_ENTRY nests, one per counter
 * @HMIP_A_CONFIG: nest of &enum hmip_config_attr
 * @HMIP_A_EVENT_TYPE: u32, &enum hmip_event
 */
enum hmip_attr {
	HMIP_A_UNSPEC,
	HMIP_A_PAD,
	HMIP_A_STATS,
	HMIP_A_CONFIG,
	HMIP_A_EVENT_TYPE,

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
 *	"mh_rx_bad_checksum"); Documentation/counters.rst lists them
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
 * enum hmip_event - event types carried in %HMIP_A_EVENT_TYPE
 * @HMIP_EVENT_CONFIG_CHANGED: the per-netns settings changed; the
 *	message carries the new %HMIP_A_CONFIG
 */
enum hmip_event {
	HMIP_EVENT_UNSPEC,
	HMIP_EVENT_CONFIG_CHANGED,

	__HMIP_EVENT_MAX,
};

#define HMIP_EVENT_MAX (__HMIP_EVENT_MAX - 1)

#endif /* _UAPI_LINUX_HMIP_H */
