import CMalloc
import RelGraphCommands

// `relgraph`: the command line (RelGraphCommands). `relgraph serve` hands over to
// `relgraph-serve`, built beside it.

// One malloc arena for the whole process. relgraph's threads are short parallel
// maps (a large diagram's nodes and edges are built on every core); with an
// arena per thread, what they allocate and the main thread frees later stays
// mapped in their arenas: 100,000 entities took 1,115 MB instead of 982 MB.
_ = relgraph_use_one_malloc_arena()
RelGraphCommand.main()
