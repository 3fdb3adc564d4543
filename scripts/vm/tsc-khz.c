// SPDX-License-Identifier: GPL-2.0
/*
 * Print the TSC frequency of this x86-64 host in kHz: TSC ticks against
 * CLOCK_MONOTONIC_RAW over 200 ms.
 *
 * Under TCG a guest's TSC is the host's. The debug kernel (no ACPI, so no
 * HPET or PM timer to calibrate against, and too slow under KASAN for its
 * PIT loop) cannot measure it and falls back to jiffies, which lose time;
 * scripts/vm/run tells it the frequency instead (tsc_early_khz=).
 */
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	double t0, t1;
	unsigned long long c0, c1;

	t0 = now();
	c0 = __rdtsc();
	do
		t1 = now();
	while (t1 - t0 < 0.2);
	c1 = __rdtsc();
	printf("%.0f\n", (c1 - c0) / (t1 - t0) / 1000);
	return 0;
}
