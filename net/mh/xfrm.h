/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What Mobility Header messages need of xfrm: the route optimization
 * states that let the kernel accept a Home Address option or a type 2
 * routing header, and the IPsec check of a received message.
 */
#ifndef _HMIP_MH_XFRM_H
#define _HMIP_MH_XFRM_H

#include <linux/in6.h>
#include <linux/types.h>

struct hmip_sa_id;
struct net;
struct sk_buff;
struct xfrm_state;

struct xfrm_state *hmip_ro_state_add(struct net *net, u8 proto,
				     const struct in6_addr *addr);
void hmip_ro_state_del(struct xfrm_state *x);
bool hmip_mh_protected(const struct sk_buff *skb, struct hmip_sa_id *sa);

#endif /* _HMIP_MH_XFRM_H */
