/* SPDX-License-Identifier: GPL-2.0 */
/* ICMPv6 messages the roles originate (send.c). */
#ifndef _HMIP_ND_SEND_H
#define _HMIP_ND_SEND_H

#include <linux/types.h>

struct dst_entry;
struct flowi6;
struct hmip_net;
struct in6_addr;

int hmip_nd_send_icmp(struct hmip_net *hn, struct flowi6 *fl6,
		      struct dst_entry *dst, const void *msg, unsigned int len,
		      gfp_t gfp);
int hmip_nd_send_icmp_rh2(struct hmip_net *hn, struct flowi6 *fl6,
			  const struct in6_addr *coa, const void *msg,
			  unsigned int len);

#endif /* _HMIP_ND_SEND_H */
