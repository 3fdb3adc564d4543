/* SPDX-License-Identifier: GPL-2.0 */
/* ICMPv6 messages the roles originate (send.c). */
#ifndef _HMIP_ND_SEND_H
#define _HMIP_ND_SEND_H

#include <linux/types.h>

/* RFC 6275 sections 6.5 and 6.6: the Home Agent Address Discovery
 * Request and Reply (%ICMPV6_DHAAD_REQUEST, %ICMPV6_DHAAD_REPLY) are both
 * 8 octets before the Reply's addresses.
 */
#define HMIP_ND_DHAAD_HDR_LEN	8

struct dst_entry;
struct flowi6;
struct hmip_net;
struct in6_addr;
struct net_device;

int hmip_nd_send_icmp(struct hmip_net *hn, struct flowi6 *fl6,
		      struct dst_entry *dst, const void *msg, unsigned int len,
		      gfp_t gfp);
int hmip_nd_send_icmp_rh2(struct hmip_net *hn, struct flowi6 *fl6,
			  const struct in6_addr *coa, const void *msg,
			  unsigned int len);

bool hmip_nd_ha_anycast(const struct in6_addr *prefix, unsigned int len,
			struct in6_addr *ac);
bool hmip_nd_lladdr(struct net_device *dev, struct in6_addr *addr,
		    bool *optimistic);

#endif /* _HMIP_ND_SEND_H */
