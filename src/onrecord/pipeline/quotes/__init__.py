"""Quotation marks and attributions by rule, and what counts as said.

:mod:`.marks` finds quotations and :mod:`.use` tells speech from titles and terms; :mod:`.rules`
is the rule layer (component ``onrecord_attribution``), its passes in :mod:`.rules_cues` (cues and
what they report) and :mod:`.rules_quotes` (quotations looking for their cue) over the state of
:mod:`.rules_state`, with the parse helpers of :mod:`.cues`; :mod:`.nested` finds hearsay chains,
:mod:`.acts` the act (speech, writing, belief), :mod:`.statements` and :mod:`.statement_features`
the statement filter; :mod:`.limits` holds the rule layer's confidences and reaches.
"""
