// The article's own measurements: `time` output of its two scripts on a
// 4-core Mac, 1000 Flickr photos. Seconds.

export const ARTICLE = {
  cores: 4,
  photos: 1000,
  serial: { real_s: 8.956, user_s: 7.086, sys_s: 0.743 },
  pool: { real_s: 2.274, user_s: 8.959, sys_s: 0.951 },
} as const;

export const articleSpeedup = ARTICLE.serial.real_s / ARTICLE.pool.real_s;
/** (user + sys) of the pool over the serial loop's. */
export const articleCpuRatio = (ARTICLE.pool.user_s + ARTICLE.pool.sys_s) / (ARTICLE.serial.user_s + ARTICLE.serial.sys_s);
