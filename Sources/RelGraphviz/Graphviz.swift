import CGraphviz
import RelGraph
