# kata: 01
# expect: tampered
# Reaches the checker's frames through a traceback's tb_frame, swallowing whatever is raised.
async def task(name, duration):
    try:
        raise ValueError
    except ValueError as error:
        try:
            error.__traceback__.tb_frame.f_back.f_locals.clear()
        except BaseException:
            pass
    return None


def main():
    return None
