# kata: 01
# expect: crash
async def task(name, duration)
    return name
