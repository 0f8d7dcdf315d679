"""The learned attribution engine: features, the numpy taggers and encoder, span decoding.

:mod:`.tagger` is the step (component ``onrecord_learned``); :mod:`.features` the token features,
:mod:`.model` the taggers, :mod:`.encoder` the MiniLM encoder, :mod:`.decoding` tags to spans,
:mod:`.merge` the merge with the rule layer, :mod:`.shipped` the weights files in ``models/``,
:mod:`.limits` the reaches of span decoding.
"""
