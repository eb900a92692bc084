# kata: 01
# expect: crash timeout
blocks = [bytearray(1024 ** 3) for _ in range(8)]
