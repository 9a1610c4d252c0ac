// What the article itself reported (Python 3.14.0, macOS 14.6 arm64, 8 cores),
// paraphrased. It printed no table of numbers: its values are read from its
// prose, and where it gave a direction only, that is what is shown.

export const ARTICLE_MACHINE = 'Python 3.14.0, macOS arm64, 8 cores';

/** Per strategy and workload, the article's own statement. */
export const ARTICLE_REPORTED: Record<string, Partial<Record<string, string>>> = {
  'python-threads': {
    cpu: 'GIL efficiency ~0.25 at every load',
    memory: 'GIL efficiency ~0.25',
    io: 'highest throughput',
    network: 'highest throughput',
  },
  'python-processes': {
    cpu: 'parallel, GIL efficiency “artificially low”; far faster than threads',
    memory: 'strong, with “noticeably higher” memory',
    io: 'behind threads (overhead)',
    network: 'behind threads (overhead)',
  },
  'python-interpreters': {
    cpu: 'GIL efficiency ~0.99; slightly faster than processes in most cases',
    memory: 'near-perfect scaling; often slightly ahead of processes',
    io: '“decent” efficiency, behind threads in throughput',
    network: 'behind threads (overhead)',
  },
};

/** What the article says happens when a function defined in __main__ (or a lambda) is passed to each pool. */
export const ARTICLE_ISOLATION: Record<string, string> = {
  'python-threads': 'not discussed (threads share everything)',
  'python-processes': 'pickle rules, “already restrictive”',
  'python-interpreters': 'NotShareableError: args not shareable',
};
