"""Analysis: figures from answer-pair histograms under an evaluation table, run over a
project's responses, compared, checked for quality, and read per feature and per plan."""
