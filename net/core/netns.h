/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state: everything hmip keeps lives here, so that
 * nothing one netns does is visible from another.
 */
#ifndef _HMIP_NETNS_H
#define _HMIP_NETNS_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <uapi/linux/hmip.h>

#include "core/ratelimit.h"
#include "core/stats.h"

struct hmip_anchor_net;
struct hmip_ar;
struct hmip_ha_net;
struct hmip_map_net;
struct hmip_mn_net;

/**
 * struct hmip_net - hmip state of one network namespace
 * @net: the namespace
 * @mib: per-cpu counters
 * @mh_sk: kernel socket that sends Mobility Header messages; unhashed, so
 *	it never receives
 * @nd_sk: kernel socket for ICMPv6 (Neighbour Discovery, echo requests)
 *	that roles send themselves
 * @err_rl: per-destination limiter for messages sent in answer to
 *	received packets
 * @anchors: the anchor layer's part of each anchor role (a MAP's, a home
 *	agent's), by &enum hmip_role: set and read by anchor/ only (its
 *	binding commands walk them)
 * @map: the MAP role's state (map/map.h)
 * @ar: the access router role's state (ar/ar.h)
 * @mn: the mobile node role's state (mn/mn.h)
 * @ha: the home agent role's state (ha/ha.h)
 *
 * The layers below the roles (core, mh, nd, tunnel, anchor) use only the
 * first six; each role's state is its own, allocated by its per-netns
 * init (main.c calls them), and no shared layer looks into it.
 */
struct hmip_net {
	struct net *net;
	struct hmip_mib __percpu *mib;
	struct sock *mh_sk;
	struct sock *nd_sk;
	struct hmip_ratelimit err_rl;
	struct hmip_anchor_net *anchors[HMIP_ROLE_MAX + 1];
	struct hmip_map_net *map;
	struct hmip_ar *ar;
	struct hmip_mn_net *mn;
	struct hmip_ha_net *ha;
};

extern unsigned int hmip_netns_id;

static inline struct hmip_net *hmip_net(const struct net *net)
{
	return net_generic(net, hmip_netns_id);
}

int hmip_netns_net_init(struct hmip_net *hn, struct net *net);
void hmip_netns_net_exit(struct hmip_net *hn);

#endif /* _HMIP_NETNS_H */
