"""  	
   

   """
revision = "ee2f"
down_revision = None
