/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The home agent role (RFC 6275 sections 8.4 and 10): the home agents
 * this netns serves and their settings.
 */
#ifndef _HMIP_HA_H
#define _HMIP_HA_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "anchor/anchor.h"

struct hmip_nd_msg;
struct hmip_net;
struct hmip_tunnel_demux;
struct netlink_ext_ack;
struct sk_buff;

#define HMIP_HA_DEFAULT_PREFIX_LEN	64
#define HMIP_HA_DEFAULT_MAX_LIFETIME	600
#define HMIP_HA_MAX_LIFETIME		(0xffff * 4)
#define HMIP_HA_DEFAULT_MAX_BINDINGS	65536
#define HMIP_HA_MAX_BINDINGS		16777216
/* RFC 6275 section 12: how long a deregistered binding is kept. */
#define HMIP_HA_MAX_DELETE_BCE_TIMEOUT	10

/* RFC 6275 section 10.1: other home agents heard on a home link, at most
 * this many (a flood of advertisements from many sources must not grow
 * memory without bound; hmip_ha_list_rcv() counts what does not fit).
 */
#define HMIP_HA_LIST_MAX		32

/* RFC 6275 section 12: an unsolicited Mobile Prefix Advertisement is
 * retransmitted after PREFIX_ADV_TIMEOUT, the wait doubling each time, at
 * most PREFIX_ADV_RETRIES times.
 */
#define HMIP_HA_PREFIX_ADV_TIMEOUT	3
#define HMIP_HA_PREFIX_ADV_RETRIES	3
/* Mobile nodes awaiting one at once, per home agent: beyond, a change
 * reaches the others only when they ask (ha_mpa_drop_full).
 */
#define HMIP_HA_MPA_PENDING_MAX		4096

/**
 * struct hmip_ha_net - the home agent role of one netns (&hmip_net.ha)
 * @hn: back pointer
 * @lock: serialises changes to @has
 * @has: the home agents this netns serves (RCU list of &struct hmip_ha)
 * @anchors: their shared part: bindings, hooks, DAD worker (anchor/)
 * @hook: LOCAL_IN: router advertisements for the Home Agents Lists, Home
 *	Agent Address Discovery Requests (dhaad.c); registered while @has
 *	is not empty
 */
struct hmip_ha_net {
	struct hmip_net *hn;
	struct mutex lock;	/* see above */
	struct list_head has;
	struct hmip_anchor_net anchors;
	struct nf_hook_ops hook;
};

/**
 * struct hmip_ha_list_entry - another home agent on the home link
 * @list: in &hmip_ha_list.entries
 * @router: the link-local address its advertisements come from
 * @global: its global address (a Prefix Information option with the R
 *	flag), when @has_global
 * @has_global: whether @global was advertised
 * @pref: its preference (RFC 6275 section 7.4; 0 without the option)
 * @expires: jiffies when the entry lapses
 */
struct hmip_ha_list_entry {
	struct list_head list;
	struct in6_addr router;
	struct in6_addr global;
	bool has_global;
	s16 pref;
	unsigned long expires;
};

/**
 * struct hmip_ha_list - the Home Agents List of a home link (list.c)
 * @lock: protects the rest; taken with BHs off
 * @entries: the other home agents (&struct hmip_ha_list_entry); this
 *	home agent's own entry is made from its settings when read
 * @n: entries in @entries, at most %HMIP_HA_LIST_MAX
 */
struct hmip_ha_list {
	spinlock_t lock;	/* see above */
	struct list_head entries;
	unsigned int n;
};

/**
 * struct hmip_ha_heard - what the home link's routers advertise of a home
 *	prefix (RFC 6275 section 10.6.1: a home agent monitors them)
 * @prefix: the prefix
 * @len: its length
 * @flags: the Prefix Information option's L and A flags
 * @valid: its valid lifetime, as advertised
 * @preferred: its preferred lifetime, as advertised
 * @when: jiffies when last heard
 */
struct hmip_ha_heard {
	struct in6_addr prefix;
	u8 len;
	u8 flags;
	u32 valid;
	u32 preferred;
	unsigned long when;
};

/**
 * struct hmip_ha_mpd - unsolicited Mobile Prefix Advertisements of a home
 *	agent (mpd.c, RFC 6275 section 10.6.2)
 * @lock: protects the rest; taken with BHs off
 * @heard: what the home link's routers said of the home prefixes
 * @n_heard: entries in @heard
 * @changed: the home prefixes changed since @work last ran
 * @dead: the home agent goes: nothing queues @work any more
 * @pending: the mobile nodes owed an advertisement
 *	(&struct hmip_ha_mpa_pending)
 * @n_pending: entries in @pending
 * @work: sends what is due
 */
struct hmip_ha_mpd {
	spinlock_t lock;	/* see above */
	struct hmip_ha_heard heard[HMIP_ANCHOR_MAX_PREFIXES];
	u8 n_heard;
	bool changed;
	bool dead;
	struct list_head pending;
	unsigned int n_pending;
	struct delayed_work work;
};

/**
 * struct hmip_ha - one home agent served by this netns
 * @list: in &hmip_ha_net.has (RCU)
 * @anchor: what it shares with a MAP: its address, settings (its home
 *	prefixes in &hmip_anchor_params.home), bindings count, tunnel
 * @halist: the Home Agents List of its home link
 * @joined: the Home-Agents anycast addresses it joined (dhaad.c)
 * @joined_ifindex: the interface it joined them on
 * @n_joined: entries in @joined
 * @mpd: its unsolicited Mobile Prefix Advertisements
 * @rcu: for kfree_rcu()
 */
struct hmip_ha {
	struct list_head list;
	struct hmip_anchor anchor;
	struct hmip_ha_list halist;
	struct in6_addr joined[HMIP_ANCHOR_MAX_PREFIXES];
	int joined_ifindex;
	u8 n_joined;
	struct hmip_ha_mpd mpd;
	struct rcu_head rcu;
};

int hmip_ha_net_init(struct hmip_net *hn);
void hmip_ha_net_dev_exit(struct hmip_net *hn);
void hmip_ha_net_exit(struct hmip_net *hn);
void hmip_ha_params_default(struct hmip_anchor_params *p);
int hmip_ha_add(struct hmip_net *hn, const struct in6_addr *addr,
		const struct hmip_anchor_params *params,
		const char *tunnel_name, struct netlink_ext_ack *extack);
int hmip_ha_set(struct hmip_net *hn, struct hmip_ha *ha,
		const struct hmip_anchor_params *params,
		struct netlink_ext_ack *extack);
void hmip_ha_del(struct hmip_net *hn, struct hmip_ha *ha);
struct hmip_ha *hmip_ha_lookup(struct hmip_net *hn,
			       const struct in6_addr *addr);

void hmip_ha_list_init(struct hmip_ha_list *l);
void hmip_ha_list_flush(struct hmip_ha_list *l);
void hmip_ha_list_rcv(struct hmip_net *hn, struct hmip_ha *ha,
		      struct sk_buff *skb, const struct hmip_nd_msg *msg);
unsigned int hmip_ha_list_addrs(struct hmip_ha *ha, struct in6_addr *addrs,
				unsigned int max);
int hmip_ha_list_fill(struct sk_buff *msg, struct hmip_ha *ha);

void hmip_ha_dhaad_join(struct hmip_net *hn, struct hmip_ha *ha);
void hmip_ha_dhaad_leave(struct hmip_net *hn, struct hmip_ha *ha);
unsigned int hmip_ha_dhaad_in(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state);

void hmip_ha_prefix_lifetimes(struct hmip_ha *ha, const struct in6_addr *addr,
			      u32 *valid, u32 *preferred);

bool hmip_ha_mpd_rcv(struct hmip_net *hn, struct sk_buff *skb);
void hmip_ha_mpd_init(struct hmip_ha *ha);
void hmip_ha_mpd_stop(struct hmip_ha *ha);
void hmip_ha_mpd_forget(struct hmip_ha *ha);
void hmip_ha_mpd_changed(struct hmip_net *hn, struct hmip_ha *ha);
void hmip_ha_mpd_ra(struct hmip_net *hn, struct hmip_ha *ha,
		    struct sk_buff *skb, const struct hmip_nd_msg *msg);

bool hmip_ha_rcv_bu(struct hmip_net *hn, struct sk_buff *skb);
extern const struct hmip_tunnel_demux hmip_ha_demux;

#endif /* _HMIP_HA_H */
