"""On whose authority: source types, sentence sourcing labels and the markers they rest on.

:mod:`.labels` is the step (component ``onrecord_sourcing``); :mod:`.source_types` tells named,
anonymous and vague sources apart, :mod:`.markers` finds hedges, hearsay and private context,
:mod:`.colour` editorial colour, :mod:`.editorial` scores the author's evaluative voice and the
article's genre; :mod:`.limits` holds the shares and lengths they use.
"""
