# kata: 01
# expect: crash
async def task(name, duration):
    print(name)
      return name
