// SPDX-License-Identifier: GPL-2.0
/*
 * The core of a namespace's state: counters, the rate limiter and the
 * control sockets that every layer above sends through. main.c owns the
 * pernet_operations and calls the roles' per-netns init after this one.
 */
#include <net/inet_common.h>
#include <net/ipv6.h>

#include "core/netns.h"

unsigned int hmip_netns_id __read_mostly;

/**
 * hmip_netns_net_init - set up the core of a namespace's state
 * @hn: the state, zeroed
 * @net: its namespace
 *
 * Return: 0 or a negative errno; nothing is left to undo on failure.
 */
int hmip_netns_net_init(struct hmip_net *hn, struct net *net)
{
	struct ipv6_pinfo *np;
	int err;

	hn->net = net;
	hmip_ratelimit_init(&hn->err_rl);

	err = hmip_stats_net_init(hn);
	if (err)
		return err;
	/* Like the ICMPv6 and TCP control sockets: a kernel socket that holds
	 * no reference on the netns and is unhashed, so it only sends.
	 */
	err = inet_ctl_sock_create(&hn->mh_sk, PF_INET6, SOCK_RAW, IPPROTO_MH,
				   net);
	if (err)
		goto err_stats;
	err = inet_ctl_sock_create(&hn->nd_sk, PF_INET6, SOCK_RAW,
				   IPPROTO_ICMPV6, net);
	if (err)
		goto err_mh_sk;
	/* As the kernel's own ND socket: RFC 4861 wants hop limit 255. */
	np = inet6_sk(hn->nd_sk);
	np->hop_limit = 255;
	np->mc_loop = 0;
	return 0;

err_mh_sk:
	inet_ctl_sock_destroy(hn->mh_sk);
err_stats:
	hmip_stats_net_exit(hn);
	return err;
}

/* After every role's per-netns exit: nothing sends or counts any more. */
void hmip_netns_net_exit(struct hmip_net *hn)
{
	inet_ctl_sock_destroy(hn->nd_sk);
	inet_ctl_sock_destroy(hn->mh_sk);
	hmip_stats_net_exit(hn);
}
