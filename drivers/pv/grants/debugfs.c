// SPDX-License-Identifier: GPL-2.0
/*
 * The grant service's counters in /sys/kernel/debug/pv/grants, one
 * "name: value" line each, for people and for the host tests.
 */
#include <linux/dcache.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "gnttab.h"

static int pv_gnttab_stats_show(struct seq_file *m, void *unused)
{
	struct pv_gnttab_stats st;

	pv_gnttab_get_stats(&st);
	seq_printf(m, "frames: %u\n", st.frames);
	seq_printf(m, "max_frames: %u\n", st.max_frames);
	seq_printf(m, "refs: %u\n", st.refs);
	seq_printf(m, "free: %u\n", st.free);
	seq_printf(m, "in_use: %u\n", st.in_use);
	seq_printf(m, "high_water: %u\n", st.high_water);
	seq_printf(m, "grants: %lu\n", st.grants);
	seq_printf(m, "ends: %lu\n", st.ends);
	seq_printf(m, "alloc_failed: %lu\n", st.alloc_failed);
	seq_printf(m, "grow_failed: %lu\n", st.grow_failed);
	seq_printf(m, "bad_frees: %lu\n", st.bad_frees);
	seq_printf(m, "callbacks: %lu\n", st.callbacks);
	seq_printf(m, "deferred: %lu\n", st.deferred);
	seq_printf(m, "deferred_total: %lu\n", st.deferred_total);
	seq_printf(m, "deferred_done: %lu\n", st.deferred_done);
	seq_printf(m, "deferred_warned: %lu\n", st.deferred_warned);
	seq_printf(m, "deferred_lost: %lu\n", st.deferred_lost);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pv_gnttab_stats);

/* /sys/kernel/debug/pv, shared with the other PV services. */
static struct dentry *pv_gnttab_debugfs_dir(void)
{
	struct dentry *dir = debugfs_lookup("pv", NULL);

	if (dir) {
		/* debugfs_lookup() took a reference the tree already holds. */
		dput(dir);
		return dir;
	}
	return debugfs_create_dir("pv", NULL);
}

void pv_gnttab_debugfs_init(void)
{
	struct dentry *dir = pv_gnttab_debugfs_dir();

	if (IS_ERR_OR_NULL(dir))
		return;
	debugfs_create_file("grants", 0444, dir, NULL, &pv_gnttab_stats_fops);
	pv_gnttab_test_init(dir);
}
