"""`{% fragment "name" vary... [seconds=N] %}...{% endfragment %}`: see route2020.core.fragments.

The name is a quoted string; every vary value is a template expression (a model instance
counts as its label and pk). The language, the host and the content generation are always
part of the key. Anything that differs per user, role, query string or cookie choice must be
a vary value or stay outside the fragment.
"""

from django import template
from django.conf import settings
from django.template.exceptions import TemplateSyntaxError

from .. import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, seconds):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary
        self.seconds = seconds

    def render(self, context):
        request = context.get("request")
        vary = [expression.resolve(context) for expression in self.vary]
        seconds = self.seconds.resolve(context) if self.seconds is not None else None
        try:
            return fragments.render(request, self.name, vary, self.nodelist, context, seconds)
        except fragments.UnsupportedVary:
            if getattr(settings, "PAGE_CACHE_STRICT", False):  # the tests: fix the template
                raise
            return self.nodelist.render(context)  # in production: rendered, not shared


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise TemplateSyntaxError("'fragment' needs a quoted name: {% fragment \"name\" ... %}")
    name = bits[1][1:-1]
    seconds = None
    vary = []
    for bit in bits[2:]:
        if bit.startswith("seconds="):
            seconds = parser.compile_filter(bit[len("seconds=") :])
        else:
            vary.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, vary, seconds)
