# kata: 01
# expect: tampered
# Climbs from its own frame (sys._getframe) into the checker's frames to find the plugin in their locals.
import sys


def find_plugin():
    frame = sys._getframe()
    while frame is not None:
        plugin = frame.f_locals.get("self")
        if type(plugin).__name__ == "KataPlugin":
            plugin.checks.clear()
            return plugin
        frame = frame.f_back
    return None


async def task(name, duration):
    find_plugin()
    return None


def main():
    find_plugin()
    return None
