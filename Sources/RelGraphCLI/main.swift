import RelGraphCommands

// `relgraph`: the command line (RelGraphCommands). `relgraph serve` hands over to
// `relgraph-serve`, built beside it.
RelGraphCommand.start()
