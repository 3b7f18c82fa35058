"""Who can guarantee a state against its likely threats (docs/guarantors.md).

``threats`` infers the threats, ``guarantors`` scores every candidate with its factors,
``coalitions`` finds the smallest and most credible sets, ``gaps`` lists the states no one
can credibly guarantee; ``model`` holds the weights, every one configurable.
"""
