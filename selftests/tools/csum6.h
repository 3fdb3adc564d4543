/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv6 upper-layer checksum (RFC 8200 section 8.1) the test senders
 * put on the packets they build whole. For a Mobility Header the source
 * is the home address, the Home Address option's (RFC 6275 6.1.1).
 */
#ifndef _HMIP_SELFTESTS_CSUM6_H
#define _HMIP_SELFTESTS_CSUM6_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

static inline uint32_t sum16(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;

	while (len > 1) {
		sum += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

static inline uint16_t csum6(const struct in6_addr *src,
			     const struct in6_addr *dst, uint8_t proto,
			     const uint8_t *data, size_t len)
{
	uint8_t tail[8] = { 0 };
	uint32_t sum;

	tail[0] = len >> 24;
	tail[1] = len >> 16;
	tail[2] = len >> 8;
	tail[3] = len;
	tail[7] = proto;
	sum = sum16(src, 16, 0);
	sum = sum16(dst, 16, sum);
	sum = sum16(tail, 8, sum);
	sum = sum16(data, len, sum);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

#endif /* _HMIP_SELFTESTS_CSUM6_H */
